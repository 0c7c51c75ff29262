import { describe, expect, it } from "vitest";
import { describeProgress, exportFileName, fileName, formatOf } from "./dataFiles";

describe("the Data section's words for files", () => {
  it.each([
    ["/home/me/backup.json", "json"],
    ["C:\\Users\\me\\Todoist.CSV", "csv"],
    ["/home/me/todo.TXT", "todotxt"],
    ["/home/me/Tasks.ics", "ics"],
    ["/home/me/tasks.dat", null],
    ["/home/me/json", null],
    ["/home/me.csv/tasks", null],
  ])("reads the format of %s from its extension", (path, format) => {
    expect(formatOf(path)).toBe(format);
  });

  it("names the file on either platform", () => {
    expect(fileName("/home/me/backup.json")).toBe("backup.json");
    expect(fileName("C:\\Users\\me\\tasks.csv")).toBe("tasks.csv");
  });

  it("offers today's local date as the export's name", () => {
    expect(exportFileName("csv", new Date(2026, 0, 5, 23, 59))).toBe("tasklane-2026-01-05.csv");
  });

  it.each([
    [null, "Reading the file…"],
    [{ phase: "reading", done: 0, total: null }, "Reading the file…"],
    [{ phase: "writing", done: 120, total: null }, "120 tasks"],
    [{ phase: "writing", done: 2, total: 5 }, "2 of 5 tasks"],
    [{ phase: "done", done: 1, total: 1 }, "1 of 1 task"],
  ] as const)("says where a job is: %j", (progress, words) => {
    expect(describeProgress(progress)).toBe(words);
  });
});
