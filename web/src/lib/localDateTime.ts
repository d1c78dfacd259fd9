// The date and time boxes of a form, in the device's time zone, to and from ISO 8601.

const pad = (value: number) => String(value).padStart(2, "0");

export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function localTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2026-03-14T10:40:00+00:00" from the date and time boxes, in the device's time zone. */
export function toIso(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const value = new Date(`${date}T${time}:00`);
  if (Number.isNaN(value.getTime())) return undefined;
  const offset = -value.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return `${date}T${time}:00${sign}${hours}:${minutes}`;
}
