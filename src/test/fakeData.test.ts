import { listen } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { Progress } from "../bindings/Progress";
import { invokeDataCancel, invokeDataExport, invokeDataImport, IpcError } from "../ipc";
import { installFakeBackend, makeTask } from "./fakeBackend";

const PATH = "/home/me/tasks.json";

function seeded() {
  return installFakeBackend({
    tasks: [
      makeTask({ title: "Buy milk" }),
      makeTask({ title: "Call Ana", status: "done" }),
      makeTask({ title: "Book trip", tags: ["travel"] }),
    ],
  });
}

/** Rejects with the IpcError a call failed with, or fails the test if it did not. */
async function failure(call: Promise<unknown>): Promise<IpcError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof IpcError)) throw new Error(`expected an IpcError, got ${String(error)}`);
  return error;
}

/** Waits until a held job has sent `count` progress messages. */
async function progressed(heard: Progress[], count: number) {
  for (let tries = 0; heard.length < count && tries < 100; tries += 1) await new Promise((r) => setTimeout(r, 0));
  expect(heard.length).toBeGreaterThanOrEqual(count);
}

describe("the fake backend's import and export", () => {
  it("exports every task, done ones too, with progress over the channel and done last", async () => {
    const backend = seeded();
    const heard: Progress[] = [];

    const summary = await invokeDataExport({ format: "json", path: PATH }, (progress) => heard.push(progress));

    expect(summary).toEqual({ path: PATH, tasks: 3, projects: 0, bytes: expect.any(Number) as number });
    expect(heard).toEqual([
      { phase: "writing", done: 2, total: 3 },
      { phase: "writing", done: 3, total: 3 },
      { phase: "done", done: 3, total: 3 },
    ]);
    expect(backend.data.files.get(PATH)?.tasks.map((task) => task.title)).toEqual(["Buy milk", "Call Ana", "Book trip"]);
  });

  it("exports only the tasks a filter shows", async () => {
    const backend = seeded();
    const summary = await invokeDataExport({ format: "csv", path: "/tmp/open.csv", filter: {} }, () => undefined);
    expect(summary.tasks).toBe(2);
    expect(backend.data.files.get("/tmp/open.csv")?.tasks.map((task) => task.title)).toEqual(["Buy milk", "Book trip"]);
  });

  it("refuses a relative path, naming the field", async () => {
    seeded();
    const error = await failure(invokeDataExport({ format: "json", path: "tasks.json" }, () => undefined));
    expect(error).toMatchObject({ code: "VALIDATION", field: "request.path", message: "`tasks.json` is not an absolute path" });
  });

  it("refuses a second job while one runs, and cancels the first with nothing written", async () => {
    const backend = seeded();
    backend.data.hold();
    const heard: Progress[] = [];
    const first = invokeDataExport({ format: "json", path: PATH }, (progress) => heard.push(progress));
    await progressed(heard, 1);

    const second = await failure(invokeDataImport({ format: "json", path: PATH }, () => undefined));
    expect(second.code).toBe("CONFLICT");
    expect(await invokeDataCancel()).toBe(true);
    backend.data.release();

    expect(await failure(first)).toMatchObject({ code: "CANCELLED", message: "Cancelled; nothing was written." });
    expect(heard.map((progress) => progress.phase)).not.toContain("done");
    expect(backend.data.files.has(PATH)).toBe(false);
    expect(await invokeDataCancel()).toBe(false);
  });

  it("imports a file: unchanged tasks skipped, changed ones updated, new ones created, the windows told", async () => {
    const backend = seeded();
    await invokeDataExport({ format: "json", path: PATH }, () => undefined);
    const file = backend.data.files.get(PATH);
    if (!file?.tasks[0]) throw new Error("nothing exported");
    file.tasks[0].title = "Buy oat milk";
    file.tasks.push({ title: "  Water plants ", line: 40 });
    file.warnings = [{ line: 1, message: 'The column "Colour" was not read' }];
    const changes: unknown[] = [];
    await listen("tasks:changed", (event) => changes.push(event.payload));
    const heard: Progress[] = [];

    const summary = await invokeDataImport({ format: "json", path: PATH }, (progress) => heard.push(progress));

    expect(summary).toEqual({
      created: 1,
      updated: 1,
      skipped: 2,
      warnings: [{ line: 1, message: 'The column "Colour" was not read' }],
    });
    expect(heard[0]).toEqual({ phase: "reading", done: 0, total: null });
    expect(heard.at(-1)).toEqual({ phase: "done", done: 4, total: 4 });
    expect(backend.db.tasks.map((task) => task.title)).toEqual(["Buy oat milk", "Call Ana", "Book trip", "Water plants"]);
    await expect.poll(() => changes).toEqual([{ kind: "updated", ids: [] }]);
  });

  it("writes nothing from a file with a bad record, and names its line", async () => {
    const backend = seeded();
    backend.data.files.set("/tmp/bad.csv", {
      format: "csv",
      tasks: [{ title: "New one", line: 2 }, { title: " ", line: 17 }],
    });

    const error = await failure(invokeDataImport({ format: "csv", path: "/tmp/bad.csv" }, () => undefined));

    expect(error).toMatchObject({ code: "VALIDATION", message: 'Line 17, the task " ": Title cannot be empty' });
    expect(backend.db.tasks).toHaveLength(3);
  });

  it("says when a file is missing, or of the other format", async () => {
    const backend = seeded();
    backend.data.files.set("/tmp/tasks.csv", { format: "csv", tasks: [] });
    expect(await failure(invokeDataImport({ format: "csv", path: "/tmp/none.csv" }, () => undefined))).toMatchObject({
      code: "VALIDATION",
      field: "request.path",
    });
    expect(await failure(invokeDataImport({ format: "json", path: "/tmp/tasks.csv" }, () => undefined))).toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^Line 1: This is not valid JSON/) as string,
    });
  });
});
