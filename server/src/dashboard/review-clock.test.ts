import { describe, expect, it } from "vitest";
import { countedHours, type ReviewCalendar, reviewDueAt, schoolDay } from "./review-clock.ts";

const clock: ReviewCalendar = { counting: "clock", holidays: [] };
const schoolDays: ReviewCalendar = { counting: "school-days", holidays: [] };

// Friday 13 November 2026, 16:00 in London (GMT, so also 16:00 UTC).
const fridayAfternoon = new Date("2026-11-13T16:00:00Z");

describe("the review clock", () => {
  it("counts every hour by default: a Friday concern is due on Saturday", () => {
    expect(reviewDueAt(fridayAfternoon, 24, clock).toISOString()).toBe("2026-11-14T16:00:00.000Z");
  });

  it("leaves out the weekend when the school says so: due on Monday afternoon", () => {
    expect(reviewDueAt(fridayAfternoon, 24, schoolDays).toISOString()).toBe(
      "2026-11-16T16:00:00.000Z",
    );
    // On Sunday evening only Friday's eight hours have counted.
    expect(countedHours(fridayAfternoon, new Date("2026-11-15T20:00:00Z"), schoolDays)).toBe(8);
  });

  it("leaves out the school's holidays too", () => {
    const inset: ReviewCalendar = {
      counting: "school-days",
      holidays: [{ from: "2026-11-16", to: "2026-11-16" }],
    };
    expect(reviewDueAt(fridayAfternoon, 24, inset).toISOString()).toBe("2026-11-17T16:00:00.000Z");
  });

  it("uses the school's local day, not UTC, in British Summer Time", () => {
    // 23:30 UTC on Friday 5 June 2026 is 00:30 on Saturday in London.
    expect(schoolDay(new Date("2026-06-05T23:30:00Z"))).toEqual({
      date: "2026-06-06",
      weekend: true,
    });
    // Recorded 22:00 BST Friday (21:00 UTC): two hours count before the weekend starts.
    const lateFriday = new Date("2026-06-05T21:00:00Z");
    expect(countedHours(lateFriday, new Date("2026-06-07T12:00:00Z"), schoolDays)).toBe(2);
  });

  it("counts part hours", () => {
    const start = new Date("2026-11-16T09:15:00Z");
    expect(countedHours(start, new Date("2026-11-16T10:45:00Z"), schoolDays)).toBe(1.5);
    expect(reviewDueAt(start, 1, schoolDays).toISOString()).toBe("2026-11-16T10:15:00.000Z");
  });
});
