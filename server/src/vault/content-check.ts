// What a file is, decided by its content — its signature and its structure — never by
// its name or the type the browser claims. Only the allow-list gets in; Office files
// that can carry macros are refused, and legacy OLE files only when they parse as what
// they are and hold no macro storage.
import CFB from "cfb";
import { unzipSync } from "fflate";
import { fileTypeFromBuffer } from "file-type";
import { Problem } from "../http/problem.ts";

export interface CheckedType {
  /** The type the content was found to be; downloads are sent as this. */
  contentType: string;
  /** A short name people recognise ("PDF", "Word document"). */
  label: string;
  /** Shown in the browser's sandboxed preview (PDF and the common image types). */
  previewable: boolean;
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODT = "application/vnd.oasis.opendocument.text";

const ALLOWED_LIST =
  "PDF, PNG, JPEG, HEIC, Word (.docx or .doc without macros), Excel (.xlsx or .xls without macros), OpenDocument text, plain text, or an email (.eml or Outlook .msg)";

export function refused(detail: string): Problem {
  return new Problem(
    415,
    "unsupported-file",
    "This kind of file cannot be accepted",
    `${detail} Tessera accepts ${ALLOWED_LIST}.`,
  );
}

const ascii = (b: Uint8Array, start: number, end: number) =>
  Buffer.from(b.subarray(start, end)).toString("latin1");

function checkPdf(b: Buffer): CheckedType {
  // A PDF ends with %%EOF (allowing trailing whitespace and the odd byte of padding).
  const tail = ascii(b, Math.max(0, b.length - 1024), b.length);
  if (!tail.includes("%%EOF") || !ascii(b, 0, 1024).includes("obj")) {
    throw refused("This looks like a PDF but it is not complete.");
  }
  return { contentType: "application/pdf", label: "PDF", previewable: true };
}

function checkPng(b: Buffer): CheckedType {
  // The first chunk must be IHDR and the last IEND.
  if (ascii(b, 12, 16) !== "IHDR" || !ascii(b, b.length - 8, b.length - 4).startsWith("IEND")) {
    throw refused("This looks like a PNG image but it is not complete.");
  }
  return { contentType: "image/png", label: "PNG image", previewable: true };
}

function checkJpeg(b: Buffer): CheckedType {
  // Starts with SOI and a marker; ends with EOI (some cameras pad after it).
  const tail = b.subarray(Math.max(0, b.length - 64));
  let hasEnd = false;
  for (let i = 0; i < tail.length - 1; i++)
    if (tail[i] === 0xff && tail[i + 1] === 0xd9) hasEnd = true;
  if (b[2] !== 0xff || !hasEnd)
    throw refused("This looks like a JPEG image but it is not complete.");
  return { contentType: "image/jpeg", label: "JPEG image", previewable: true };
}

function checkHeic(b: Buffer): CheckedType {
  // An ISO media file: the ftyp box, then a meta box naming the image.
  const ftypSize = b.readUInt32BE(0);
  if (ftypSize < 16 || ftypSize > b.length || ascii(b, 4, 8) !== "ftyp") {
    throw refused("This looks like a HEIC image but it is not complete.");
  }
  return { contentType: "image/heic", label: "HEIC image", previewable: false };
}

/** The names in a zip, and the text of the few entries that say what it is. */
function readZip(b: Buffer, wanted: readonly string[]) {
  const names: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(b, {
      filter: (f) => {
        names.push(f.name);
        // Only small descriptive entries are inflated: never the whole document.
        return wanted.includes(f.name) && f.originalSize < 1024 * 1024;
      },
    });
  } catch {
    throw refused("This file is a damaged or unreadable archive.");
  }
  const text = (name: string) => {
    const data = files[name];
    return data ? Buffer.from(data).toString("utf8") : undefined;
  };
  return { names, text };
}

function checkZip(b: Buffer): CheckedType {
  const zip = readZip(b, ["[Content_Types].xml", "mimetype"]);
  const mimetype = zip.text("mimetype")?.trim();
  if (mimetype === ODT) {
    // OpenDocument macros live in Basic/ (and scripts in Scripts/).
    if (zip.names.some((n) => /^(Basic|Scripts)\//.test(n))) {
      throw refused("This document contains macros, which could run code.");
    }
    if (!zip.names.includes("content.xml")) {
      throw refused("This looks like an OpenDocument file but it has no content.");
    }
    return { contentType: ODT, label: "OpenDocument text", previewable: false };
  }
  const types = zip.text("[Content_Types].xml");
  if (!types) {
    throw refused("This is an archive (zip), not a document.");
  }
  if (
    zip.names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n)) ||
    /macroEnabled|vbaProject/i.test(types)
  ) {
    throw refused("This document contains macros, which could run code.");
  }
  if (
    types.includes("wordprocessingml.document.main+xml") &&
    zip.names.includes("word/document.xml")
  ) {
    return { contentType: DOCX, label: "Word document", previewable: false };
  }
  if (types.includes("spreadsheetml.sheet.main+xml") && zip.names.includes("xl/workbook.xml")) {
    return { contentType: XLSX, label: "Excel spreadsheet", previewable: false };
  }
  throw refused("This Office file is not a Word document or an Excel spreadsheet.");
}

function checkOle(b: Buffer): CheckedType {
  let paths: string[];
  try {
    const container = CFB.read(b, { type: "buffer" });
    paths = container.FullPaths;
  } catch {
    throw refused("This looks like an old-style Office file but it cannot be read.");
  }
  // Macro storages: Word's Macros, Excel's _VBA_PROJECT_CUR, and any VBA storage.
  const parts = paths.flatMap((p) => p.split("/"));
  if (parts.some((p) => p === "Macros" || p === "_VBA_PROJECT_CUR" || p === "VBA")) {
    throw refused("This document contains macros, which could run code.");
  }
  const has = (name: string) => parts.includes(name);
  if (has("WordDocument")) {
    return { contentType: "application/msword", label: "Word document", previewable: false };
  }
  if (has("Workbook") || has("Book")) {
    return {
      contentType: "application/vnd.ms-excel",
      label: "Excel spreadsheet",
      previewable: false,
    };
  }
  if (has("__properties_version1.0") && parts.some((p) => p.startsWith("__substg1.0_"))) {
    return {
      contentType: "application/vnd.ms-outlook",
      label: "Outlook email",
      previewable: false,
    };
  }
  throw refused(
    "This old-style Office file is not a Word document, Excel spreadsheet or Outlook email.",
  );
}

/** Valid UTF-8 without control characters other than tab, line breaks and form feed. */
function asText(b: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
}

/** An email: a header block (RFC 5322 fields, From and one of Date/Subject/To) first. */
function isEmail(text: string): boolean {
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue; // a folded continuation
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    names.add((m[1] ?? "").toLowerCase());
  }
  return names.has("from") && (names.has("date") || names.has("subject") || names.has("to"));
}

/** Decides what a file is, or throws a 415 problem saying why it cannot be accepted. */
export async function checkContent(b: Buffer): Promise<CheckedType> {
  if (b.length === 0) throw refused("The file is empty.");
  const found = await fileTypeFromBuffer(b);
  switch (found?.mime) {
    case "application/pdf":
      return checkPdf(b);
    case "image/png":
      return checkPng(b);
    case "image/jpeg":
      return checkJpeg(b);
    case "image/heic":
    case "image/heic-sequence":
    case "image/heif":
      return checkHeic(b);
    case "application/zip":
    case DOCX:
    case XLSX:
    case ODT:
    case "application/vnd.ms-word.document.macroenabled.12":
    case "application/vnd.ms-excel.sheet.macroenabled.12":
    case "application/vnd.ms-word.template.macroenabledtemplate":
    case "application/vnd.ms-excel.template.macroenabled.12":
      return checkZip(b);
    case "application/x-cfb":
    case "application/msword":
    case "application/vnd.ms-excel":
    case "application/vnd.ms-outlook":
      return checkOle(b);
    case undefined:
    case "message/rfc822":
      break;
    default:
      throw refused(
        `This file is ${(found?.ext ?? "unknown").toUpperCase()} (found from its content, not its name).`,
      );
  }
  const text = asText(b);
  if (text !== null) {
    if (isEmail(text)) return { contentType: "message/rfc822", label: "Email", previewable: false };
    return { contentType: "text/plain; charset=utf-8", label: "Text", previewable: false };
  }
  throw refused("Tessera could not tell what this file is from its content.");
}
