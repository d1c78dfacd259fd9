// How long an incident has waited for the DSL team's review (seed 004 §5: within 24
// hours). By default every clock hour counts; a school may leave out weekends and its
// holidays, so a concern recorded on Friday afternoon is not "overdue" on Sunday. The
// school's days are its local days (Europe/London), whatever the server's time zone.

export interface ReviewCalendar {
  /** "clock": every hour counts. "school-days": weekends and holidays do not. */
  counting: "clock" | "school-days";
  /** Inclusive ranges of local dates (YYYY-MM-DD) when the school is closed. */
  holidays: readonly { from: string; to: string }[];
}

const HOUR = 3_600_000;
const SCHOOL_TIME_ZONE = "Europe/London";

const localDay = new Intl.DateTimeFormat("en-GB", {
  timeZone: SCHOOL_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  weekday: "short",
});

/** The school's local date (YYYY-MM-DD) and whether it is a Saturday or Sunday. */
export function schoolDay(at: Date): { date: string; weekend: boolean } {
  const parts = Object.fromEntries(localDay.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekend: parts.weekday === "Sat" || parts.weekday === "Sun",
  };
}

function counts(at: Date, calendar: ReviewCalendar): boolean {
  if (calendar.counting === "clock") return true;
  const day = schoolDay(at);
  if (day.weekend) return false;
  return !calendar.holidays.some((h) => h.from <= day.date && day.date <= h.to);
}

/**
 * The hours that count between two moments. UK offsets from UTC are whole hours, so a
 * local day always starts on a UTC hour boundary: stepping through UTC hours (the first
 * one partial) decides each stretch by the local day it lies in.
 */
export function countedHours(from: Date, to: Date, calendar: ReviewCalendar): number {
  if (to <= from) return 0;
  if (calendar.counting === "clock") return (to.getTime() - from.getTime()) / HOUR;
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const next = Math.min(Math.floor(cursor / HOUR) * HOUR + HOUR, end);
    if (counts(new Date(cursor), calendar)) total += next - cursor;
    cursor = next;
  }
  return total / HOUR;
}

/** When an incident recorded at `from` must have been reviewed by. */
export function reviewDueAt(from: Date, withinHours: number, calendar: ReviewCalendar): Date {
  if (calendar.counting === "clock") return new Date(from.getTime() + withinHours * HOUR);
  let left = withinHours * HOUR;
  let cursor = from.getTime();
  // A school closed for a whole summer still has an end: a year of steps at most.
  for (let steps = 0; steps < 24 * 400; steps++) {
    const next = Math.floor(cursor / HOUR) * HOUR + HOUR;
    if (counts(new Date(cursor), calendar)) {
      if (next - cursor >= left) return new Date(cursor + left);
      left -= next - cursor;
    }
    cursor = next;
  }
  return new Date(cursor);
}
