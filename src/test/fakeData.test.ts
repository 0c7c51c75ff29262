import { listen } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import type { Progress } from "../bindings/Progress";
import {
  invokeDataBackups,
  invokeDataCancel,
  invokeDataExport,
  invokeDataImport,
  invokeDataRestore,
  invokeDbCreateTask,
  invokeDbGetTags,
  IpcError,
} from "../ipc";
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

describe("the fake backend's backups and restore", () => {
  const FOLDER = "/home/me/.local/share/app.tasklane.desktop/backups";

  it("lists the backups newest first, named and numbered as the backend names them, the oldest of a kind pruned", async () => {
    const backend = seeded();
    for (const day of [1, 2, 3, 4, 5, 6, 7, 8]) backend.data.backUp("daily", { at: `2025-12-0${day}T09:30:00.400Z` });
    backend.data.backUp("import", { at: "2025-12-08T10:00:00.000Z" });
    backend.data.backUp("import", { at: "2025-12-08T10:00:00.900Z" });

    const { folder, backups } = await invokeDataBackups();

    expect(folder).toBe(FOLDER);
    expect(backups.map((backup) => backup.name)).toEqual([
      "tasklane-20251208T100000Z-import-2.db",
      "tasklane-20251208T100000Z-import.db",
      ...[8, 7, 6, 5, 4, 3, 2].map((day) => `tasklane-2025120${day}T093000Z-daily.db`),
    ]);
    expect(backups[2]).toEqual({
      name: "tasklane-20251208T093000Z-daily.db",
      kind: "daily",
      createdAt: "2025-12-08T09:30:00.000Z",
      bytes: expect.any(Number) as number,
    });
  });

  it("restores a backup's tasks, projects, tags and settings, after saving the database as a restore backup", async () => {
    const backend = seeded();
    const daily = backend.data.backUp("daily", { at: "2025-12-08T09:30:00.000Z" });
    const before = structuredClone(backend.db.tasks);
    await invokeDbCreateTask({ title: "Water plants", tags: ["garden"] });
    backend.db.settings.theme = "dark";
    const reloads: string[] = [];
    const events = ["projects:changed", "settings:changed", "tasks:changed"];
    for (const event of events) {
      await listen<ChangeEvent>(event, ({ payload }) => {
        if (payload.kind === "updated" && payload.ids.length === 0) reloads.push(event);
      });
    }

    const summary = await invokeDataRestore({ name: daily.name });

    expect(summary).toEqual({
      restored: daily.name,
      savedAs: expect.stringMatching(/^tasklane-\d{8}T\d{6}Z-restore\.db$/) as string,
      tasks: 3,
      projects: 0,
    });
    expect(backend.db.tasks).toEqual(before);
    expect(backend.db.settings.theme).toBe("system");
    expect((await invokeDbGetTags()).map((tag) => tag.name)).toEqual(["travel"]);
    const { backups } = await invokeDataBackups();
    expect(backups[0]?.name).toBe(summary.savedAs);
    // The restore can be undone: the restore backup holds the tasks the restore replaced.
    await invokeDataRestore({ name: summary.savedAs });
    expect(backend.db.tasks.map((task) => task.title)).toContain("Water plants");
    expect((await invokeDbGetTags()).map((tag) => tag.name)).toEqual(["garden", "travel"]);
    // Every window reloads after each of the two restores.
    await expect.poll(() => [...reloads].sort()).toEqual(events.flatMap((event) => [event, event]));
  });

  it("refuses an unknown backup, and one the backend would find damaged, with the database unchanged", async () => {
    const backend = seeded();
    const daily = backend.data.backUp("daily", { at: "2025-12-08T09:30:00.000Z" });
    daily.refusal = "it is damaged (integrity check: database disk image is malformed)";
    backend.db.tasks.pop();

    expect(await failure(invokeDataRestore({ name: "../tasklane.db" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "request.name",
      message: 'There is no backup named "../tasklane.db"',
    });
    expect(await failure(invokeDataRestore({ name: daily.name }))).toMatchObject({
      code: "VALIDATION",
      field: "request.name",
      message:
        "The backup tasklane-20251208T093000Z-daily.db cannot be restored: it is damaged (integrity check: database disk image is malformed). Your tasks were not changed.",
    });
    expect(backend.db.tasks).toHaveLength(2);
    expect((await invokeDataBackups()).backups.map((backup) => backup.kind)).toEqual(["daily"]);
  });

  it("backs up before an import, once the file is read, and refuses a restore while the import runs", async () => {
    const backend = seeded();
    backend.data.files.set(PATH, { format: "json", tasks: [{ title: "Water plants" }, { title: " ", line: 3 }] });
    backend.data.hold();
    const heard: Progress[] = [];
    const importing = invokeDataImport({ format: "json", path: PATH }, (progress) => heard.push(progress));
    await progressed(heard, 1);

    expect((await failure(invokeDataRestore({ name: "any.db" }))).code).toBe("CONFLICT");
    backend.data.release();

    // Like the backend, the records are checked after the backup is written.
    expect((await failure(importing)).code).toBe("VALIDATION");
    const { backups } = await invokeDataBackups();
    expect(backups.map((backup) => backup.kind)).toEqual(["import"]);
    await invokeDataRestore({ name: backups[0]?.name ?? "" });
    expect(backend.db.tasks.map((task) => task.title)).toEqual(["Buy milk", "Call Ana", "Book trip"]);
  });

  it("has no backups for a team server, and no restore", async () => {
    const backend = seeded();
    backend.db.server = { url: "postgres://ana:***@db.example.org/tasklane", state: "live" };
    backend.data.files.set(PATH, { format: "json", tasks: [{ title: "Water plants" }] });
    await invokeDataImport({ format: "json", path: PATH }, () => undefined);

    expect(await invokeDataBackups()).toEqual({ folder: null, backups: [] });
    expect(await failure(invokeDataRestore({ name: "tasklane-20251208T093000Z-daily.db" }))).toMatchObject({
      code: "VALIDATION",
      message: "This database is not a file on this computer, so it has no backups to restore.",
    });
  });
});
