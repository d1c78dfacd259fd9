// MIS exports as CSV (SIMS, Arbor, Bromcom, Wonde): the header names the columns, and a
// mapping (chosen on the mapping screen, or recognised from the usual header names) says
// which column holds which field. Line numbers are the file's own: the header is line 1.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { checkPupil, type PupilRow, type RawPupil, type RowError } from "./pupil-row.ts";

export const IMPORT_FIELDS = [
  "upn",
  "legalLastName",
  "legalFirstName",
  "preferredFirstName",
  "preferredLastName",
  "dateOfBirth",
  "sex",
  "year",
  "className",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (by header name or 0-based index) holds each field; null: none. */
export const Mapping = z
  .object(
    Object.fromEntries(
      IMPORT_FIELDS.map((f) => [
        f,
        z.union([z.string().max(200), z.number().int().min(0).max(500), z.null()]).optional(),
      ]),
    ) as Record<ImportField, z.ZodOptional<z.ZodUnion<[z.ZodString, z.ZodNumber, z.ZodNull]>>>,
  )
  .strict();
export type Mapping = z.infer<typeof Mapping>;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

// The header names SIMS, Arbor, Bromcom and Wonde use, squashed (lower case, letters and
// digits only), so "Legal Surname", "legal_surname" and "LegalSurname" all match.
export const KNOWN_HEADERS: Record<ImportField, readonly string[]> = {
  upn: ["upn", "uniquepupilnumber", "pupilupn", "studentupn"],
  legalLastName: [
    "legalsurname",
    "legallastname",
    "surname",
    "lastname",
    "familyname",
    "studentlastname",
    "pupilsurname",
  ],
  legalFirstName: [
    "legalforename",
    "legalfirstname",
    "forename",
    "firstname",
    "givenname",
    "studentfirstname",
    "pupilforename",
  ],
  preferredFirstName: [
    "preferredname",
    "preferredforename",
    "preferredfirstname",
    "knownas",
    "chosenname",
  ],
  preferredLastName: ["preferredsurname", "preferredlastname"],
  dateOfBirth: ["dob", "dateofbirth", "birthdate", "dobddmmyyyy"],
  sex: ["gender", "sex", "legalsex"],
  year: [
    "year",
    "ncyear",
    "yeargroup",
    "ncyearactual",
    "nationalcurriculumyear",
    "curriculumyear",
    "yeartaughtin",
  ],
  className: [
    "reggroup",
    "registrationgroup",
    "class",
    "form",
    "formgroup",
    "regclass",
    "tutorgroup",
  ],
};

/** The mapping the headers suggest: each field to the first column with a known name. */
export function recogniseHeaders(headers: readonly string[]): Record<ImportField, number | null> {
  const squashed = headers.map(squash);
  const out = {} as Record<ImportField, number | null>;
  for (const field of IMPORT_FIELDS) {
    const at = KNOWN_HEADERS[field].map((name) => squashed.indexOf(name)).find((i) => i >= 0);
    out[field] = at ?? null;
  }
  return out;
}

/** Text of an uploaded file: UTF-8 when it is, else Windows-1252 (older SIMS exports). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function delimiterOf(firstLine: string): string {
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export interface CsvTable {
  headers: string[];
  /** Data rows with the line each starts on. */
  rows: { line: number; cells: string[] }[];
}

export function readCsvTable(text: string): CsvTable {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  const records = parse(text, {
    delimiter: delimiterOf(firstLine),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...body] = records;
  // csv-parse counts the line a record ends on; a quoted field may span lines.
  const startLine = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  return {
    headers: head?.record ?? [],
    rows: body
      .filter((r) => r.record.some((c) => c !== ""))
      .map((r) => ({ line: startLine(r), cells: r.record })),
  };
}

export interface ParsedImport {
  rows: PupilRow[];
  errors: RowError[];
}

/** Resolves a mapping against the headers: field → column index, or an error. */
export function resolveMapping(
  headers: readonly string[],
  mapping: Mapping | undefined,
): { columns: Record<ImportField, number | null> } | { error: string } {
  const columns = recogniseHeaders(headers);
  if (mapping) {
    for (const field of IMPORT_FIELDS) {
      const want = mapping[field];
      if (want === undefined) continue;
      if (want === null) columns[field] = null;
      else if (typeof want === "number") {
        if (want >= headers.length) return { error: `There is no column ${want + 1}.` };
        columns[field] = want;
      } else {
        const at = headers.findIndex((h) => h.trim() === want.trim());
        if (at < 0) return { error: `There is no column headed "${want}".` };
        columns[field] = at;
      }
    }
  }
  const missing = (["upn", "legalLastName", "legalFirstName", "dateOfBirth", "sex"] as const)
    .filter((f) => columns[f] === null)
    .map((f) => FIELD_LABELS[f]);
  if (missing.length > 0) {
    return { error: `No column is chosen for: ${missing.join(", ")}.` };
  }
  return { columns };
}

export const FIELD_LABELS: Record<ImportField, string> = {
  upn: "UPN",
  legalLastName: "Legal surname",
  legalFirstName: "Legal forename",
  preferredFirstName: "Preferred forename",
  preferredLastName: "Preferred surname",
  dateOfBirth: "Date of birth",
  sex: "Gender or sex",
  year: "Year group",
  className: "Registration group or class",
};

export function readCsvPupils(table: CsvTable, columns: Record<ImportField, number | null>) {
  const out: ParsedImport = { rows: [], errors: [] };
  for (const { line, cells } of table.rows) {
    const raw: RawPupil = {};
    for (const field of IMPORT_FIELDS) {
      const at = columns[field];
      if (at !== null) raw[field] = cells[at];
    }
    const checked = checkPupil(raw, line);
    if ("row" in checked) out.rows.push(checked.row);
    else out.errors.push(checked.error);
  }
  return out;
}
