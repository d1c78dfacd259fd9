// Dates and times as UK public services write them: "14 March 2026 at 3:05pm", in UK time.
const TIME_ZONE = "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: TIME_ZONE,
});

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12",
  timeZone: TIME_ZONE,
});

/** "3:05pm"; "12pm" for midday and "12am" for midnight are written "midday" and "midnight". */
export function formatTime(date: Date): string {
  const parts = timeFormat.formatToParts(date);
  const hour = parts.find((part) => part.type === "hour")?.value ?? "";
  const minute = parts.find((part) => part.type === "minute")?.value ?? "00";
  const period = (parts.find((part) => part.type === "dayPeriod")?.value ?? "").toLowerCase();
  const suffix = period.startsWith("p") ? "pm" : "am";
  if (hour === "12" && minute === "00") return suffix === "pm" ? "midday" : "midnight";
  return minute === "00" ? `${hour}${suffix}` : `${hour}:${minute}${suffix}`;
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "14 March 2026 at 3:05pm". */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "Unknown";
  return `${formatDate(date)} at ${formatTime(date)}`;
}

/** The machine-readable form for <time dateTime>. */
export function isoDateTime(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** A calendar date ("2026-10-01") as "1 October 2026", whatever the reader's time zone. */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : formatDate(date);
}
