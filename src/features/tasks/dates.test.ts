import { describe, expect, it } from "vitest";
import { dayToTimestamp, formatDue, isOverdue, timestampToDay, today } from "./dates";

describe("due dates", () => {
  const now = new Date(2026, 10, 21, 9, 30); // 21 Nov 2026, local time

  it("a day becomes its UTC midnight in the backend's exact format, and back", () => {
    expect(dayToTimestamp("2026-11-21")).toBe("2026-11-21T00:00:00.000Z");
    expect(timestampToDay("2026-11-21T00:00:00.000Z")).toBe("2026-11-21");
  });

  it("an empty or malformed day is no date", () => {
    expect(dayToTimestamp("")).toBeNull();
    expect(dayToTimestamp("21/11/2026")).toBeNull();
    expect(dayToTimestamp("2026-13-45")).toBeNull();
  });

  it("names nearby days and formats the rest", () => {
    expect(today(now)).toBe("2026-11-21");
    expect(formatDue("2026-11-21T00:00:00.000Z", now)).toBe("Today");
    expect(formatDue("2026-11-22T00:00:00.000Z", now)).toBe("Tomorrow");
    expect(formatDue("2026-11-20T00:00:00.000Z", now)).toBe("Yesterday");
    // The rest follows the user's locale ("Dec 24", "24. Dez."); the year shows only when it differs.
    expect(formatDue("2026-12-24T00:00:00.000Z", now)).toMatch(/24/);
    expect(formatDue("2026-12-24T00:00:00.000Z", now)).not.toMatch(/2026/);
    expect(formatDue("2027-01-02T00:00:00.000Z", now)).toMatch(/2027/);
  });

  it("is overdue from the day after the due day", () => {
    expect(isOverdue("2026-11-20T00:00:00.000Z", now)).toBe(true);
    expect(isOverdue("2026-11-21T00:00:00.000Z", now)).toBe(false);
  });
});
