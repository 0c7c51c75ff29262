import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IpcError, TimeoutError } from "./errors";
import { invokeWithTimeout } from "./invoke";

describe("invokeWithTimeout", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves with the command's result and clears its timer", async () => {
    mockIPC(() => [{ id: "t1" }]);

    await expect(invokeWithTimeout("db_get_tasks", { filter: {} }, 5000)).resolves.toEqual([
      { id: "t1" },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with TimeoutError when the command never answers", async () => {
    mockIPC(() => new Promise(() => undefined));

    const call = invokeWithTimeout("db_get_tasks", { filter: {} }, 5000);
    const assertion = expect(call).rejects.toSatisfy(
      (error) =>
        error instanceof TimeoutError &&
        error.command === "db_get_tasks" &&
        error.ms === 5000 &&
        error.message === "db_get_tasks timed out after 5000 ms",
    );
    await vi.advanceTimersByTimeAsync(4999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("maps a backend AppError to IpcError with its code and field, and clears its timer", async () => {
    mockIPC(() => {
      throw { code: "VALIDATION", message: "Title cannot be empty", field: "title" };
    });

    const error = await invokeWithTimeout("db_create_task", { input: { title: "" } }, 10000).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: "VALIDATION",
      message: "Title cannot be empty",
      field: "title",
      command: "db_create_task",
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps field absent when the backend sends none", async () => {
    mockIPC(() => Promise.reject({ code: "NOT_FOUND", message: "Task not found" }));

    const error = (await invokeWithTimeout("db_get_task", { id: "x" }, 5000).catch(
      (reason: unknown) => reason,
    )) as IpcError;
    expect(error.code).toBe("NOT_FOUND");
    expect(error.field).toBeUndefined();
  });

  it.each([
    [
      "a string from Tauri",
      "invalid args `id` for command `db_get_task`",
      "invalid args `id` for command `db_get_task`",
    ],
    ["an Error", new Error("IPC channel closed"), "IPC channel closed"],
    ["undefined", undefined, "db_get_task failed without an error message"],
    [
      "an object with an unknown code",
      { code: "TEAPOT", message: "short and stout" },
      "db_get_task failed without an error message",
    ],
  ])("maps %s to IpcError UNKNOWN with a readable message", async (_, reason, message) => {
    mockIPC(() => Promise.reject(reason));

    const error = await invokeWithTimeout("db_get_task", { id: "x" }, 5000).catch(
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: "UNKNOWN", message });
    expect(vi.getTimerCount()).toBe(0);
  });
});
