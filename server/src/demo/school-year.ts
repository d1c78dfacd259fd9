// School years in England run from 1 September to 31 August. A child starts Reception
// (national curriculum year 0) in the September after their fourth birthday, so on the
// 31 August before a school year every child in year N is N + 4 years old.

/** An ISO date (YYYY-MM-DD). */
export type IsoDate = string;

const DAY_MS = 86_400_000;

export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** The calendar year in which the school year containing `date` began (2026 for 2026/27). */
export function schoolYearOf(date: Date | IsoDate): number {
  const d = typeof date === "string" ? new Date(`${date}T00:00:00Z`) : date;
  const year = d.getUTCFullYear();
  return d.getUTCMonth() >= 8 ? year : year - 1;
}

/** "Reception", "Year 1" … "Year 13". */
export function yearGroupName(ncy: number): string {
  return ncy === 0 ? "Reception" : `Year ${ncy}`;
}

/** The birth dates of children in national curriculum year `ncy` in the school year `schoolYear`. */
export function birthDateRange(ncy: number, schoolYear: number): { from: IsoDate; to: IsoDate } {
  return {
    from: isoDate(utc(schoolYear - 5 - ncy, 9, 1)),
    to: isoDate(utc(schoolYear - 4 - ncy, 8, 31)),
  };
}

/** Whole years between a birth date and a day. */
export function ageOn(dateOfBirth: IsoDate, day: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The first weekday on or after 3 September: a typical first day of the autumn term. */
export function firstDayOfTerm(schoolYear: number): IsoDate {
  const date = utc(schoolYear, 9, 3);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return isoDate(date);
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Moves a Saturday or Sunday to the following Monday. */
export function nextWeekday(day: IsoDate): IsoDate {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}
