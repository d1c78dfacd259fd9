// The chronology as a PDF for a case conference, a court or a school without Tessera:
// plain, dense and readable; with redaction, other children are "Child A", "Child B"….
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

export interface PdfHeading {
  pupilName: string;
  dateOfBirth: string;
  schoolName: string;
  preparedBy: string;
  preparedAt: Date;
  redacted: boolean;
}

export function chronologyPdf(
  heading: PdfHeading,
  entries: ChronologyEntry[],
  redact: Redactor | null,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `Chronology: ${heading.pupilName}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  const text = (s: string) => (redact ? redact.text(s) : s);

  doc.font("Helvetica-Bold").fontSize(18).text(`Chronology: ${heading.pupilName}`);
  doc.moveDown(0.3).font("Helvetica").fontSize(10);
  doc.text(`Date of birth: ${heading.dateOfBirth}`);
  doc.text(`School: ${heading.schoolName}`);
  doc.text(`Prepared by ${heading.preparedBy} on ${ukDateTime(heading.preparedAt)}`);
  if (heading.redacted) doc.text("Other children's names have been replaced (Child A, Child B…).");
  doc.text("CONFIDENTIAL: safeguarding information. Do not share beyond those who need to know.");
  doc.moveDown();
  if (entries.length === 0) doc.text("There are no entries to show.");
  for (const e of entries) {
    doc.font("Helvetica-Bold").fontSize(11);
    doc.text(
      `${ukDateTime(e.occurredAt)} · ${ENTRY_LABELS[e.type]}${e.number === null ? "" : ` (incident ${e.number})`}`,
    );
    doc.font("Helvetica").fontSize(9).fillColor("#505a5f");
    const notes = [
      e.categories.join("; "),
      `${e.type === "document" ? "uploaded" : "written"} by ${e.author.name}`,
      `recorded ${ukDateTime(e.recordedAt)}${isLate(e) ? " (recorded late)" : ""}`,
      e.edited ? "edited" : "",
      e.enteredInError ? "ENTERED IN ERROR" : "",
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
  doc.end();
  return done;
}
