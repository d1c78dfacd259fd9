// Photos carry where they were taken (EXIF GPS). A photo of a child's injury must not
// also say where the child lives, so the EXIF and XMP metadata blocks are removed from
// JPEG and PNG images before they are stored. The picture itself is untouched.

const XMP_ID = "http://ns.adobe.com/xap/1.0/\0";

/** A JPEG without its APP1 segments (EXIF and XMP, where GPS lives). */
export function stripJpegMetadata(b: Buffer): Buffer {
  if (b[0] !== 0xff || b[1] !== 0xd8) return b;
  const kept: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return b; // not where a marker should be: leave the file as it was
    const marker = b.readUInt8(i + 1);
    // Start of scan: the image data follows, to the end.
    if (marker === 0xda) break;
    // Markers without a length (fill bytes, restart markers).
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return b;
    const segment = b.subarray(i, i + 2 + length);
    const payload = segment.subarray(4);
    const isExif = marker === 0xe1 && payload.subarray(0, 6).toString("latin1") === "Exif\0\0";
    const isXmp =
      marker === 0xe1 && payload.subarray(0, XMP_ID.length).toString("latin1") === XMP_ID;
    if (!isExif && !isXmp) kept.push(segment);
    i += 2 + length;
  }
  kept.push(b.subarray(i));
  return Buffer.concat(kept);
}

/** A PNG without its eXIf chunk or XMP text chunk. */
export function stripPngMetadata(b: Buffer): Buffer {
  const kept: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const end = i + 12 + length;
    if (end > b.length) return b;
    const type = b.subarray(i + 4, i + 8).toString("latin1");
    const data = b.subarray(i + 8, i + 8 + length);
    const isXmp =
      (type === "iTXt" || type === "tEXt" || type === "zTXt") &&
      data.subarray(0, 17).toString("latin1") === "XML:com.adobe.xmp";
    if (type !== "eXIf" && !isXmp) kept.push(b.subarray(i, end));
    i = end;
  }
  kept.push(b.subarray(i));
  return Buffer.concat(kept);
}

export function stripImageLocation(contentType: string, b: Buffer): Buffer {
  if (contentType === "image/jpeg") return stripJpegMetadata(b);
  if (contentType === "image/png") return stripPngMetadata(b);
  return b;
}
