import { describe, expect, it } from "vitest";
import { IpcError, TimeoutError } from "../ipc";
import { describeError } from "./describeError";

describe("describeError", () => {
  it("says which operation timed out", () => {
    expect(describeError(new TimeoutError("db_get_tasks", 5000))).toBe(
      "Loading tasks timed out after 5 s. Please try again.",
    );
  });

  it("passes validation messages through as written", () => {
    expect(
      describeError(new IpcError("db_create_task", "VALIDATION", "Title cannot be empty", "title")),
    ).toBe("Title cannot be empty");
  });

  it("passes a cancel's message through: it is what the user asked for, not a failure", () => {
    expect(describeError(new IpcError("data_import", "CANCELLED", "Cancelled; nothing was written."))).toBe(
      "Cancelled; nothing was written.",
    );
  });

  it("puts other failures in context", () => {
    expect(describeError(new IpcError("db_delete_project", "DATABASE", "database is locked"))).toBe(
      "Deleting the project failed: database is locked",
    );
    expect(describeError(new IpcError("app_open_window", "UNKNOWN", "window label taken"))).toBe(
      "Opening a new window failed: window label taken",
    );
    expect(describeError(new IpcError("data_export", "INTERNAL", "disk full"))).toBe("Exporting tasks failed: disk full");
  });
});
