// One pupil as an import file describes it, checked the same way whatever the format
// (CSV, CTF) and for a pupil added by hand. Values are read liberally (dates in UK or ISO
// form, "R" or "Year 3", "Male" or "M") and refused with a plain reason when unreadable.
import { isValidUpn } from "../demo/upn.ts";

export interface ImportContact {
  name: string;
  relationship: string;
  parentalResponsibility: boolean;
  phone: string | null;
  email: string | null;
  priority: number;
}

export interface PupilRow {
  /** Where the pupil starts in the file (the CSV header is line 1). */
  line: number;
  upn: string;
  legalFirstName: string;
  legalLastName: string;
  preferredFirstName: string | null;
  preferredLastName: string | null;
  dateOfBirth: string;
  sex: "F" | "M" | "X";
  /** National curriculum year (0 = Reception, -1/-2 = nursery), or null if not given. */
  ncy: number | null;
  className: string | null;
  contacts: ImportContact[];
}

export interface RawPupil {
  upn?: string | undefined;
  legalFirstName?: string | undefined;
  legalLastName?: string | undefined;
  preferredFirstName?: string | undefined;
  preferredLastName?: string | undefined;
  dateOfBirth?: string | undefined;
  sex?: string | undefined;
  year?: string | undefined;
  className?: string | undefined;
}

export interface RowError {
  line: number;
  message: string;
}

const tidy = (s: string | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();
const orNull = (s: string | undefined): string | null => tidy(s) || null;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an ISO date-time: an ISO date or null. */
export function readDate(value: string): string | null {
  const v = value.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else return null;
  if (!isRealDate(y, m, d)) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function readSex(value: string): "F" | "M" | "X" | null {
  const v = value.trim().toLowerCase();
  if (["f", "female", "girl"].includes(v)) return "F";
  if (["m", "male", "boy"].includes(v)) return "M";
  // DfE codes U (not known) and W (withheld), and what MIS exports write for them.
  if (["x", "u", "w", "unknown", "not known", "withheld", "other", "indeterminate"].includes(v)) {
    return "X";
  }
  return null;
}

/** "R", "Reception", "YR", "Year 3", "Y3", "3", "N1", "Nursery 2": the NC year, or null. */
export function readYear(value: string): number | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (["r", "yr", "rec", "reception", "year r", "year reception"].includes(v)) return 0;
  const nursery = /^(?:n|nursery ?)([12])$/.exec(v);
  if (nursery) return Number(nursery[1]) - 3;
  const year = /^(?:year ?|yr ?|y ?)?(\d{1,2})$/.exec(v);
  if (year) {
    const n = Number(year[1]);
    return n >= 0 && n <= 14 ? n : null;
  }
  return null;
}

export function yearGroupName(ncy: number): string {
  if (ncy < 0) return `Nursery ${ncy + 3}`;
  return ncy === 0 ? "Reception" : `Year ${ncy}`;
}

/** Checks one pupil: a row, or the first reason it cannot be imported. */
export function checkPupil(
  raw: RawPupil,
  line: number,
  contacts: ImportContact[] = [],
): { row: PupilRow } | { error: RowError } {
  const fail = (message: string) => ({ error: { line, message } });
  const upn = tidy(raw.upn).toUpperCase().replace(/\s/g, "");
  if (!upn) return fail("The UPN is missing.");
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) {
    return fail(`"${upn}" is not a UPN: a UPN is a letter and 12 more characters.`);
  }
  // Temporary UPNs end in a letter and carry no check letter we can verify the same way.
  if (/^[A-Z]\d{12}$/.test(upn) && !isValidUpn(upn)) {
    return fail(`The UPN "${upn}" is not right: its check letter does not match its digits.`);
  }
  const legalLastName = tidy(raw.legalLastName);
  if (!legalLastName) return fail("The surname is missing.");
  const legalFirstName = tidy(raw.legalFirstName);
  if (!legalFirstName) return fail("The forename is missing.");
  if (legalFirstName.length > 100 || legalLastName.length > 100) {
    return fail("A name is longer than 100 characters.");
  }
  const dobText = tidy(raw.dateOfBirth);
  if (!dobText) return fail("The date of birth is missing.");
  const dateOfBirth = readDate(dobText);
  if (!dateOfBirth) {
    return fail(`"${dobText}" is not a date of birth: use dd/mm/yyyy or yyyy-mm-dd.`);
  }
  if (dateOfBirth > new Date().toISOString().slice(0, 10)) {
    return fail("The date of birth is in the future.");
  }
  const sexText = tidy(raw.sex);
  if (!sexText) return fail("The gender or sex is missing.");
  const sex = readSex(sexText);
  if (!sex) return fail(`"${sexText}" is not a gender or sex this import knows (use M, F or U).`);
  const yearText = tidy(raw.year);
  const ncy = yearText ? readYear(yearText) : null;
  if (yearText && ncy === null) {
    return fail(`"${yearText}" is not a year group (use R, N1, N2 or 1 to 14).`);
  }
  const className = orNull(raw.className);
  if (className && className.length > 100) return fail("The class name is too long.");
  return {
    row: {
      line,
      upn,
      legalFirstName,
      legalLastName,
      preferredFirstName: orNull(raw.preferredFirstName),
      preferredLastName: orNull(raw.preferredLastName),
      dateOfBirth,
      sex,
      ncy,
      className,
      contacts,
    },
  };
}
