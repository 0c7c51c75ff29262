import type { Timestamp } from "../../bindings/Timestamp";

// A due date is a calendar day, stored as that day's UTC midnight so it reads the same
// in every time zone: 2026-11-21 <-> "2026-11-21T00:00:00.000Z".

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** `yyyy-mm-dd` (a date input's value) to a Timestamp, or null for an empty or bad value. */
export function dayToTimestamp(day: string): Timestamp | null {
  if (!DAY_PATTERN.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A Timestamp to the `yyyy-mm-dd` a date input shows. */
export function timestampToDay(timestamp: Timestamp): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

/** Today in the user's time zone, as `yyyy-mm-dd`. */
export function today(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const SHORT = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const LONG = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** "Today", "Tomorrow", "Yesterday", "Nov 21", or "Nov 21, 2027" in another year. */
export function formatDue(timestamp: Timestamp, now: Date = new Date()): string {
  const day = timestampToDay(timestamp);
  const current = today(now);
  if (day === current) return "Today";
  if (day === addDays(current, 1)) return "Tomorrow";
  if (day === addDays(current, -1)) return "Yesterday";
  const format = day.slice(0, 4) === current.slice(0, 4) ? SHORT : LONG;
  return format.format(new Date(timestamp));
}

export function isOverdue(timestamp: Timestamp, now: Date = new Date()): boolean {
  return timestampToDay(timestamp) < today(now);
}
