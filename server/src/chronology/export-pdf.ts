// The chronology as a PDF for a case conference, a court or a school without Tessera:
// plain, dense and readable, and complete enough to stand on its own — who the child is,
// what was included, who exported it, when and why, every entry with when it happened,
// when it was recorded and by whom, and "Page N of M" on every page. With redaction, other
// children are "Child A", "Child B"… and the key is not in the file.
import PDFDocument from "pdfkit";
import type { ChronologyEntry } from "./queries.ts";
import { ENTRY_LABELS, isLate } from "./queries.ts";
import type { Redactor } from "./redaction.ts";

const ukDateTime = (d: Date) =>
  d.toLocaleString("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

const ukDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
  });

export interface PdfHeading {
  pupilName: string;
  dateOfBirth: string;
  schoolName: string;
  preparedBy: string;
  preparedAt: Date;
  redacted: boolean;
  purpose?: string;
  range?: { from: string | null; to: string | null };
  /** The filters as words ("type: Incident"); empty for the whole chronology. */
  filters?: string[];
}

function rangeText(range: PdfHeading["range"]) {
  if (!range || (!range.from && !range.to)) return "All dates";
  if (range.from && range.to) return `${ukDate(range.from)} to ${ukDate(range.to)}`;
  return range.from ? `From ${ukDate(range.from)}` : `Up to ${ukDate(range.to ?? "")}`;
}

export function chronologyPdf(
  heading: PdfHeading,
  entries: ChronologyEntry[],
  redact: Redactor | null,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, left: 50, right: 50, bottom: 60 },
    bufferPages: true,
    info: { Title: `Chronology: ${heading.pupilName}`, Author: heading.schoolName },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  const text = (s: string) => (redact ? redact.text(s) : s);

  doc.font("Helvetica-Bold").fontSize(18).text(`Chronology: ${heading.pupilName}`);
  doc.moveDown(0.3).font("Helvetica").fontSize(10);
  doc.text(`Date of birth: ${ukDate(heading.dateOfBirth)}`);
  doc.text(`School: ${heading.schoolName}`);
  doc.text(`Dates: ${rangeText(heading.range)}`);
  doc.text(
    `Filters: ${heading.filters && heading.filters.length > 0 ? heading.filters.join("; ") : "none (every entry the exporter may read)"}`,
  );
  doc.text(`Exported by ${heading.preparedBy} on ${ukDateTime(heading.preparedAt)}`);
  if (heading.purpose) doc.text(`Purpose: ${heading.purpose}`);
  doc.text(`Entries: ${entries.length}`);
  if (heading.redacted) doc.text("Other children's names have been replaced (Child A, Child B…).");
  doc.text("CONFIDENTIAL: safeguarding information. Do not share beyond those who need to know.");
  doc.moveDown();
  if (entries.length === 0) doc.text("There are no entries to show.");
  for (const e of entries) {
    doc.font("Helvetica-Bold").fontSize(11).fillColor("#0b0c0c");
    doc.text(
      `${ukDateTime(e.occurredAt)} · ${ENTRY_LABELS[e.type]}${e.number === null ? "" : ` (incident ${e.number})`}${e.enteredInError ? " · ENTERED IN ERROR" : ""}`,
    );
    doc.font("Helvetica").fontSize(9).fillColor("#505a5f");
    const revisions =
      e.edited && e.revisions && e.revisions > 1
        ? `edited — ${e.revisions} revisions`
        : e.edited
          ? "edited"
          : "";
    const notes = [
      e.categories.join("; "),
      `recorded ${ukDateTime(e.recordedAt)} by ${e.author.name}${isLate(e) ? " (recorded late)" : ""}`,
      revisions,
      e.status ? `status: ${e.status.replaceAll("_", " ")}` : "",
    ].filter(Boolean);
    doc.text(notes.join(" · "));
    if (e.otherPupils.length > 0) {
      const names = e.otherPupils.map((p) =>
        redact
          ? redact.label(p)
          : `${p.preferredFirstName ?? p.legalFirstName} ${p.preferredLastName ?? p.legalLastName}`,
      );
      doc.text(`Other pupils: ${names.join(", ")}`);
    }
    doc.fillColor("#0b0c0c").fontSize(10).text(text(e.account));
    if (e.outcome) doc.text(`Outcome: ${text(e.outcome)}`);
    doc.moveDown(0.8);
  }
  // Every page says which it is and of how many, so a missing page is noticed.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor("#505a5f")
      .text(
        `${heading.pupilName} · ${heading.schoolName} · Page ${i - start + 1} of ${count}`,
        50,
        doc.page.height - 40,
        { width: doc.page.width - 100, align: "center", lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
