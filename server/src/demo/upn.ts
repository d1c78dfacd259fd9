// Unique pupil numbers (DfE): a check letter, then the local authority number (3 digits),
// the establishment number (4), the last two digits of the year of allocation (2) and a
// serial (3). The check letter is the sum of the 12 digits weighted by their positions
// 2–13, modulo 23, written with the letters A–Z less I, O and S.

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

export function upnCheckLetter(digits: string): string {
  if (!/^\d{12}$/.test(digits)) throw new Error("a UPN has 12 digits after its check letter");
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2);
  return CHECK_LETTERS[sum % 23] as string;
}

export function makeUpn(la: string, establishment: string, year: number, serial: number): string {
  const digits = `${la.padStart(3, "0")}${establishment.padStart(4, "0")}${String(year % 100).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  return `${upnCheckLetter(digits)}${digits}`;
}

export function isValidUpn(upn: string): boolean {
  return /^[A-Z]\d{12}$/.test(upn) && upnCheckLetter(upn.slice(1)) === upn[0];
}
