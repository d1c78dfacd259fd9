// When things happen in an English school: the days it is open (weekdays outside the
// usual holidays) and the clock on the classroom wall (UK time, an hour ahead of UTC in
// summer). Close enough to real term dates for demo records; not a calendar to rely on.
import { addDays, firstDayOfTerm, type IsoDate, isoDate } from "./school-year.ts";

const DAY_MS = 86_400_000;

function utcDay(day: IsoDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The last Sunday of a month (1–12) of a year. */
function lastSunday(year: number, month: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return isoDate(last);
}

/** True on days of British Summer Time (last Sunday of March to last Sunday of October). */
export function isSummerTime(day: IsoDate): boolean {
  const year = Number(day.slice(0, 4));
  return day >= lastSunday(year, 3) && day < lastSunday(year, 10);
}

/** The instant a UK wall clock shows `minutes` after midnight on `day`. */
export function ukTime(day: IsoDate, minutes: number): Date {
  const offset = isSummerTime(day) ? 60 : 0;
  return new Date(utcDay(day).getTime() + (minutes - offset) * 60_000);
}

export interface WallClock {
  day: IsoDate;
  /** Minutes after midnight, UK time. */
  minutes: number;
  /** "09:05" */
  hhmm: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
}

/** What a UK wall clock showed at an instant. */
export function wallClock(at: Date): WallClock {
  const guess = isoDate(at);
  const offset = isSummerTime(guess) ? 60 : 0;
  const local = new Date(at.getTime() + offset * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return {
    day: isoDate(local),
    minutes,
    hhmm: hhmm(minutes),
    weekday: local.getUTCDay(),
  };
}

export function hhmm(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// biome-ignore format: a list of names reads better packed
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

export function weekdayName(day: IsoDate): string {
  return WEEKDAYS[utcDay(day).getUTCDay()] ?? "";
}

/** "14 March" */
export function dayAndMonth(day: IsoDate): string {
  const d = utcDay(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Easter Sunday (the anonymous Gregorian computus). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(new Date(Date.UTC(year, month - 1, day)));
}

/** The last Monday of a month (1–12) of a year. */
function lastMonday(year: number, month: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - ((last.getUTCDay() + 6) % 7));
  return isoDate(last);
}

/** The Monday of the week a day is in. */
function mondayOf(day: IsoDate): IsoDate {
  const weekday = utcDay(day).getUTCDay();
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

function inWeekOf(day: IsoDate, anchor: IsoDate): boolean {
  const monday = mondayOf(anchor);
  return day >= monday && day <= addDays(monday, 4);
}

/** Weekdays in term time: not the summer, Christmas or Easter holidays, half terms or May Day. */
export function isSchoolDay(day: IsoDate): boolean {
  const weekday = utcDay(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if ((month === 7 && date >= 22) || month === 8) return false;
  if (month === 9 && day < firstDayOfTerm(year)) return false;
  if ((month === 12 && date >= 20) || (month === 1 && date <= 3)) return false;
  if (month === 10 && inWeekOf(day, `${year}-10-27`)) return false;
  if (month === 2 && inWeekOf(day, `${year}-02-16`)) return false;
  if (month === 5 || month === 6) {
    if (inWeekOf(day, lastMonday(year, 5))) return false; // the May half term
    if (month === 5 && date <= 7 && weekday === 1) return false; // the early May bank holiday
  }
  const easter = easterSunday(year);
  if (day >= addDays(easter, -6) && day <= addDays(easter, 7)) return false;
  return true;
}

/** The school days from `from` to `to`, both included, in order. */
export function schoolDaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  const end = utcDay(to).getTime();
  for (let t = utcDay(from).getTime(); t <= end; t += DAY_MS) {
    const day = isoDate(new Date(t));
    if (isSchoolDay(day)) days.push(day);
  }
  return days;
}
