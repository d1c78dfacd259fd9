// The QR code for setting up an authenticator app, drawn from the SVG the server sends.
// The SVG text is never put into the page as HTML (that would let markup in, and style
// attributes would break the content security policy), and a data: URL is not allowed by
// it either: instead its squares — plain path outlines — are read out and drawn by React.
import { useMemo } from "react";

interface QrPath {
  d: string;
  fill?: string;
  stroke?: string;
}

interface QrDrawing {
  viewBox: string;
  paths: QrPath[];
}

const COLOUR = /^(#[0-9a-f]{3,8}|none|black|white)$/i;
const PATH_DATA = /^[MmHhVvLlZz0-9.,\s-]+$/;
const VIEW_BOX = /^[0-9.\s-]+$/;

/** The drawing inside the SVG, or undefined if it is not the simple kind we expect. */
export function readQrSvg(svg: string): QrDrawing | undefined {
  if (typeof DOMParser === "undefined") return undefined;
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.querySelector("parsererror")) return undefined;
  const viewBox = root.getAttribute("viewBox") ?? "";
  if (!VIEW_BOX.test(viewBox)) return undefined;
  const paths: QrPath[] = [];
  for (const element of Array.from(root.querySelectorAll("path"))) {
    const d = element.getAttribute("d") ?? "";
    if (!PATH_DATA.test(d)) return undefined;
    const fill = element.getAttribute("fill") ?? undefined;
    const stroke = element.getAttribute("stroke") ?? undefined;
    if ((fill && !COLOUR.test(fill)) || (stroke && !COLOUR.test(stroke))) return undefined;
    paths.push({ d, fill, stroke });
  }
  return paths.length > 0 ? { viewBox, paths } : undefined;
}

export function QrCode({ svg, label }: { svg: string; label: string }) {
  const drawing = useMemo(() => readQrSvg(svg), [svg]);
  if (!drawing) {
    return (
      <p className="qr-code__missing">
        The QR code cannot be shown here. Enter the key below into your app instead.
      </p>
    );
  }
  return (
    <svg
      className="qr-code"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={drawing.viewBox}
      shapeRendering="crispEdges"
      role="img"
      aria-label={label}
    >
      {drawing.paths.map((path) => (
        <path key={path.d} d={path.d} fill={path.fill} stroke={path.stroke} />
      ))}
    </svg>
  );
}
