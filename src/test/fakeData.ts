import type { AppError } from "../bindings/AppError";
import type { Backup } from "../bindings/Backup";
import type { BackupKind } from "../bindings/BackupKind";
import type { BackupList } from "../bindings/BackupList";
import type { ChangeKind } from "../bindings/ChangeKind";
import type { DataFormat } from "../bindings/DataFormat";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { ImportRequest } from "../bindings/ImportRequest";
import type { ImportSummary } from "../bindings/ImportSummary";
import type { ImportWarning } from "../bindings/ImportWarning";
import type { Progress } from "../bindings/Progress";
import type { Project } from "../bindings/Project";
import type { RestoreRequest } from "../bindings/RestoreRequest";
import type { RestoreSummary } from "../bindings/RestoreSummary";
import type { Settings } from "../bindings/Settings";
import type { Task } from "../bindings/Task";
import type { TaskFilter } from "../bindings/TaskFilter";
import { backendChannel } from "./backendChannel";

/** A task as a file holds it: any fields of a task, and the line it starts on. */
export type FileTask = Partial<Task> & { title: string; line?: number };

/** A file on the fake's disk, already read: what a real file of that format would hold. */
export type FakeFile = {
  format: DataFormat;
  tasks: FileTask[];
  projects?: Project[];
  /** What reading it noted (a column Tasklane does not know, say); an import goes ahead. */
  warnings?: ImportWarning[];
};

/** What a backup holds: every task, project, tag and setting, as they were. */
type Snapshot = { tasks: Task[]; projects: Project[]; settings: Settings; tags: [key: string, name: string][] };

/** A backup in the fake's `backups` folder: its listing, its number within its second, its rows,
 * and why the backend would refuse to restore it (`"it is damaged (…)"`), if it would. */
export type FakeBackup = Backup & { n: number; copy: Snapshot; refusal?: string };

/** What the data commands need of the rest of the fake. */
export type DataDeps = {
  db: { tasks: Task[]; projects: Project[]; settings: Settings };
  /** Tag spellings by key, as the tags table holds them (a tag outlives its tasks). */
  tags: Map<string, string>;
  /** The database file in use (`app_status`'s `dbPath`); null for a server, which has no backups. */
  dbPath: () => string | null;
  /** The tasks `filter` shows, in its order, as `db_get_tasks` lists them. */
  listTasks: (filter: TaskFilter) => Task[];
  /** A new task with the fake's ids and defaults (`makeTask`), placed after the others. */
  newTask: (fields: Partial<Task> & { title: string }) => Task;
  /** Tag names as stored (merged ignoring case, first spellings kept). */
  storeTags: (names: readonly string[]) => string[];
  announce: (event: string, kind: ChangeKind, ids: string[]) => void;
};

/** How many backups of each kind are kept (`keep` in src-tauri/src/db/backups.rs). */
const KEEP: Record<BackupKind, number> = { daily: 7, import: 5, migration: 5, restore: 5 };
/** Tasks per page of an export and per chunk of an import: small, so a few tasks make steps. */
const STEP = 2;
const CANCELLED: AppError = { code: "CANCELLED", message: "Cancelled; nothing was written." };
/** What the real readers say of a file of the other format. */
const NOT_THIS_FORMAT: Record<DataFormat, string> = {
  json: "Line 1: This is not valid JSON: expected value (column 1)",
  csv: 'Line 1: The first row must name the columns, with a "title" column (see docs/DATA.md)',
  // todo.txt takes any line as a task; a backup's or a CSV's lines are refused by the task rules.
  todotxt: 'Line 1, the task "{"format":"tasklane-backup","version":1,": Title is too long (at most 500 characters)',
  ics: "Line 1: This is not an iCalendar file (no BEGIN:VCALENDAR)",
  taskwarrior: "Line 1: This is not a Taskwarrior export: invalid type: map, expected a sequence at line 1 column 0",
};

const fail = (code: AppError["code"], message: string, field?: string): never => {
  throw field === undefined ? { code, message } : { code, message, field };
};

/** Like `Path::is_absolute`, on Unix or Windows. */
function absolute(path: string): string {
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) fail("VALIDATION", `\`${path}\` is not an absolute path`, "request.path");
  return path;
}

function pages<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start === 0 || start < items.length; start += STEP) result.push(items.slice(start, start + STEP));
  return result;
}

/** Newest first; within one second, the higher number (the later copy) first. */
function newestFirst(backups: readonly FakeBackup[]): FakeBackup[] {
  return [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.n - a.n);
}

/** Where the backups of the database file at `path` go, and the name they start with. */
function backupsOf(path: string | null): { folder: string; stem: string } | null {
  if (path === null) return null;
  const slash = path.search(/[/\\][^/\\]*$/);
  return { folder: `${path.slice(0, slash)}/backups`, stem: path.slice(slash + 1).replace(/\.[^.]*$/, "") };
}

function sameTask(file: FileTask, task: Task): boolean {
  const keys = ["title", "description", "status", "priority", "dueAt", "assignee"] as const;
  return (
    keys.every((key) => file[key] === undefined || file[key] === task[key]) &&
    (file.tags === undefined || file.tags.join("\n") === task.tags.join("\n")) &&
    (file.projectIds === undefined || file.projectIds.join() === task.projectIds.join())
  );
}

/**
 * `data_export`, `data_import`, `data_cancel`, `data_backups` and `data_restore` as the backend
 * runs them: one import, export or restore at a time (`CONFLICT` otherwise), progress over the
 * channel with `done` last, `CANCELLED` with nothing written once cancelled, `VALIDATION` (field
 * `request.path`) for a relative or missing path, a record that breaks a rule named by its line,
 * an `import` backup once the file has been read, and the windows told to reload after an import
 * or a restore. Files live in `files`, backups in `backups` (`backUp` adds one); `hold()` makes a
 * job stop after its next progress (a restore: before it checks the backup) until `release()`.
 */
export function fakeData({ db, tags, dbPath, listTasks, newTask, storeTags, announce }: DataDeps) {
  const files = new Map<string, FakeFile>();
  const backups: FakeBackup[] = [];
  let running: { cancelled: boolean } | null = null;
  let held = false;
  let waiting: (() => void)[] = [];

  const begin = () => {
    if (running) fail("CONFLICT", "An import, export or restore is already running; wait for it or cancel it.");
    const job = { cancelled: false };
    running = job;
    return job;
  };
  /** Waits while held. */
  const pause = () => new Promise<void>((resolve) => (held ? waiting.push(resolve) : setTimeout(resolve, 0)));
  /** Where a job may be cancelled: it waits while held, then stops if asked to. */
  const step = async (job: { cancelled: boolean }) => {
    await pause();
    if (job.cancelled) throw CANCELLED;
  };
  const announceEverything = () => {
    for (const event of ["tasks:changed", "projects:changed", "settings:changed"]) announce(event, "updated", []);
  };

  /** Copies the database as it is now into a backup of `kind`, named and kept as the backend
   * does: the second it was made (UTC), numbered within that second, the oldest of the kind
   * beyond `KEEP` removed. */
  const backUp = (kind: BackupKind, { at = new Date(), bytes }: { at?: Date | string; bytes?: number } = {}) => {
    const where = backupsOf(dbPath()) ?? fail("INTERNAL", "Only a database file has backups");
    const createdAt = new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString();
    const stamp = `${createdAt.slice(0, 19).replace(/[-:]/g, "")}Z`;
    const n = 1 + Math.max(0, ...backups.filter((b) => b.createdAt === createdAt && b.kind === kind).map((b) => b.n));
    const { tasks, projects, settings } = db;
    const copy: Snapshot = structuredClone({ tasks, projects, settings, tags: [...tags] });
    const backup: FakeBackup = {
      name: `${where.stem}-${stamp}-${kind}${n === 1 ? "" : `-${n}`}.db`,
      kind,
      createdAt,
      bytes: bytes ?? new TextEncoder().encode(JSON.stringify(copy)).length,
      n,
      copy,
    };
    backups.push(backup);
    for (const old of newestFirst(backups.filter((b) => b.kind === kind)).slice(KEEP[kind])) {
      backups.splice(backups.indexOf(old), 1);
    }
    return backup;
  };
  /** A record as the backend checks it: trimmed, with a title and no blank tag. */
  const checked = (task: FileTask): FileTask => {
    const which = `${task.line === undefined ? "" : `Line ${task.line}, `}the task "${task.title.slice(0, 40)}"`;
    const title = task.title.trim();
    if (title === "") fail("VALIDATION", `${which}: Title cannot be empty`);
    if (task.tags?.some((tag) => tag.trim() === "")) fail("VALIDATION", `${which}: A tag cannot be empty`);
    return { ...task, title };
  };

  const data_export = async ({ request, onProgress }: { request: ExportRequest; onProgress: unknown }) => {
    const path = absolute(request.path);
    if (path.endsWith("/")) fail("VALIDATION", `\`${path}\` does not name a file`, "request.path");
    const job = begin();
    const channel = backendChannel<Progress>(onProgress, "onProgress");
    try {
      const tasks = listTasks(request.filter ?? { includeDone: true });
      let done = 0;
      for (const page of pages(tasks)) {
        done += page.length;
        channel.send({ phase: "writing", done, total: tasks.length });
        await step(job);
      }
      const file: FakeFile = { format: request.format, tasks: structuredClone(tasks), projects: structuredClone(db.projects) };
      files.set(path, file);
      channel.send({ phase: "done", done, total: done });
      const bytes = new TextEncoder().encode(JSON.stringify(file)).length;
      return { path, tasks: done, projects: db.projects.length, bytes } satisfies ExportSummary;
    } finally {
      running = null;
      channel.close();
    }
  };

  const data_import = async ({ request, onProgress }: { request: ImportRequest; onProgress: unknown }) => {
    const job = begin();
    const channel = backendChannel<Progress>(onProgress, "onProgress");
    try {
      channel.send({ phase: "reading", done: 0, total: null });
      await step(job);
      const path = absolute(request.path);
      const file =
        files.get(path) ?? fail("VALIDATION", `Cannot open ${path}: No such file or directory (os error 2)`, "request.path");
      if (file.format !== request.format) fail("VALIDATION", NOT_THIS_FORMAT[request.format]);
      // Like the backend: after reading the file, before checking its records against the rules.
      if (dbPath() !== null) backUp("import");
      const records = file.tasks.map(checked);
      const total = records.length;
      channel.send({ phase: "writing", done: 0, total });
      // Like the backend's transaction: nothing is written until every step is through.
      const writes: (() => void)[] = [];
      const summary: ImportSummary = { created: 0, updated: 0, skipped: 0, warnings: [...(file.warnings ?? [])] };
      for (const page of pages(records)) {
        for (const { line: _, ...record } of page) {
          const current = db.tasks.find((task) => task.id === record.id);
          if (current && sameTask(record, current)) summary.skipped += 1;
          else if (current) {
            summary.updated += 1;
            writes.push(() =>
              Object.assign(current, record, {
                tags: storeTags(record.tags ?? current.tags),
                version: current.version + 1,
                updatedAt: new Date().toISOString(),
              }),
            );
          } else {
            summary.created += 1;
            writes.push(() => db.tasks.push(newTask({ ...record, tags: storeTags(record.tags ?? []) })));
          }
        }
        channel.send({ phase: "writing", done: summary.created + summary.updated + summary.skipped, total });
        await step(job);
      }
      for (const project of file.projects ?? []) {
        if (!db.projects.some((known) => known.id === project.id)) writes.push(() => db.projects.push(project));
      }
      for (const write of writes) write();
      channel.send({ phase: "done", done: total, total });
      announceEverything();
      return summary;
    } finally {
      running = null;
      channel.close();
    }
  };

  const data_cancel = () => {
    if (running) running.cancelled = true;
    return running !== null;
  };

  const data_backups = (): BackupList => {
    const where = backupsOf(dbPath());
    if (where === null) return { folder: null, backups: [] };
    const listed = newestFirst(backups).map(({ name, kind, createdAt, bytes }) => ({ name, kind, createdAt, bytes }));
    return { folder: where.folder, backups: listed };
  };

  const data_restore = async ({ request }: { request: RestoreRequest }): Promise<RestoreSummary> => {
    if (dbPath() === null) {
      fail("VALIDATION", "This database is not a file on this computer, so it has no backups to restore.");
    }
    begin();
    try {
      const backup =
        backups.find((b) => b.name === request.name) ??
        fail("NOT_FOUND", `There is no backup named ${JSON.stringify(request.name)}`, "request.name");
      await pause();
      if (backup.refusal !== undefined) {
        const message = `The backup ${backup.name} cannot be restored: ${backup.refusal}. Your tasks were not changed.`;
        fail("VALIDATION", message, "request.name");
      }
      const saved = backUp("restore");
      const copy = structuredClone(backup.copy);
      Object.assign(db, { tasks: copy.tasks, projects: copy.projects, settings: copy.settings });
      tags.clear();
      for (const [key, name] of copy.tags) tags.set(key, name);
      announceEverything();
      return { restored: backup.name, savedAs: saved.name, tasks: copy.tasks.length, projects: copy.projects.length };
    } finally {
      running = null;
    }
  };

  return {
    handlers: { data_export, data_import, data_cancel, data_backups, data_restore },
    controls: {
      /** The fake's disk: what an export wrote, and what a test puts there to import. */
      files,
      /** The backups folder of the database file, in no order (`data_backups` sorts them). */
      backups,
      backUp,
      /** Makes import and export jobs wait after their next progress message. */
      hold: () => {
        held = true;
      },
      /** Lets held jobs go on (and later ones run through). */
      release: () => {
        held = false;
        const resume = waiting;
        waiting = [];
        for (const wake of resume) wake();
      },
    },
  };
}
