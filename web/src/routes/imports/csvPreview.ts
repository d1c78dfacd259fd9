// Enough CSV reading for the mapping screen's preview: the header and the first rows.
// The server reads the whole file again with a full CSV parser; this only shows it.
import type { ImportField, ImportMapping } from "../../api/people";

export function previewCsv(text: string, rows = 5): { headers: string[]; rows: string[][] } {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length && records.length <= rows; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(cell.trim());
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      record.push(cell.trim());
      if (record.some((v) => v !== "")) records.push(record);
      record = [];
      cell = "";
    } else cell += c;
  }
  if (cell || record.length > 0) {
    record.push(cell.trim());
    if (record.some((v) => v !== "")) records.push(record);
  }
  const [headers = [], ...body] = records;
  return { headers, rows: body.slice(0, rows) };
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

export const REQUIRED_FIELDS: ImportField[] = [
  "upn",
  "legalLastName",
  "legalFirstName",
  "dateOfBirth",
  "sex",
];

// The header names SIMS, Arbor, Bromcom and Wonde use (as the server knows them).
const KNOWN: Record<ImportField, string[]> = {
  upn: ["upn", "uniquepupilnumber", "pupilupn", "studentupn"],
  legalLastName: ["legalsurname", "legallastname", "surname", "lastname", "familyname"],
  legalFirstName: ["legalforename", "legalfirstname", "forename", "firstname", "givenname"],
  preferredFirstName: ["preferredname", "preferredforename", "preferredfirstname", "knownas"],
  preferredLastName: ["preferredsurname", "preferredlastname"],
  dateOfBirth: ["dob", "dateofbirth", "birthdate"],
  sex: ["gender", "sex", "legalsex"],
  year: ["year", "ncyear", "yeargroup", "ncyearactual", "nationalcurriculumyear"],
  className: ["reggroup", "registrationgroup", "class", "form", "formgroup", "tutorgroup"],
};

/** For each column, the field its header names, if any. */
export function recognise(headers: string[]): (ImportField | "")[] {
  const squashed = headers.map((h) => h.toLowerCase().replace(/[^a-z0-9]/g, ""));
  const out: (ImportField | "")[] = headers.map(() => "");
  for (const field of Object.keys(KNOWN) as ImportField[]) {
    const at = KNOWN[field].map((n) => squashed.indexOf(n)).find((i) => i >= 0);
    if (at !== undefined && out[at] === "") out[at] = field;
  }
  return out;
}

export function mappingFrom(columns: (ImportField | "")[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of Object.keys(FIELD_LABELS) as ImportField[]) {
    const at = columns.indexOf(field);
    mapping[field] = at >= 0 ? at : null;
  }
  return mapping;
}
