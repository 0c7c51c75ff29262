import type { InvokeArgs } from "@tauri-apps/api/core";
import { emit, listen } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeKind } from "../bindings/ChangeKind";
import type { CommandName } from "../bindings/commands";
import type { DatabaseCheck } from "../bindings/DatabaseCheck";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { Id } from "../bindings/Id";
import type { NewProject } from "../bindings/NewProject";
import type { NewTask } from "../bindings/NewTask";
import type { PageRequest } from "../bindings/PageRequest";
import type { Project } from "../bindings/Project";
import type { ProjectPatch } from "../bindings/ProjectPatch";
import type { Settings } from "../bindings/Settings";
import type { SettingsPatch } from "../bindings/SettingsPatch";
import type { TagQuery } from "../bindings/TagQuery";
import type { Task } from "../bindings/Task";
import type { MoveTo } from "../bindings/MoveTo";
import type { TaskFilter } from "../bindings/TaskFilter";
import type { TaskPage } from "../bindings/TaskPage";
import type { TaskPatch } from "../bindings/TaskPatch";
import type { TaskSort } from "../bindings/TaskSort";
import { UI_READY, type UiReady } from "../ipc/window";
import { fakeData } from "./fakeData";
import { foldAscii, matchesSearch } from "./fakeSearch";

const NOW = "2026-11-21T09:30:00.000Z";
/** How far after the last task a new one goes (the backend's `order_operations::GAP`). */
const TASK_GAP = 1024;
/** The change event each mutation announces to every window, as the backend's `announce`. */
const ANNOUNCES: Partial<Record<CommandName, [event: string, kind: ChangeKind]>> = {
  db_create_task: ["tasks:changed", "created"],
  db_update_task: ["tasks:changed", "updated"],
  db_move_task: ["tasks:changed", "updated"],
  db_delete_task: ["tasks:changed", "deleted"],
  db_create_project: ["projects:changed", "created"],
  db_update_project: ["projects:changed", "updated"],
  db_delete_project: ["projects:changed", "deleted"],
  db_update_settings: ["settings:changed", "updated"],
};
const PAGE_DEFAULT = 200;
const PAGE_MAX = 500;
const HANG = Symbol("hang");
let nextId = 1;

function newId(): Id {
  return `00000000-0000-4000-8000-${String(nextId++).padStart(12, "0")}`;
}

export function makeTask(fields: Partial<Task> & { title: string }): Task {
  return {
    id: newId(),
    description: null,
    status: "todo",
    priority: "none",
    tags: [],
    projectIds: [],
    dueAt: null,
    completedAt: null,
    position: 0,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    createdBy: "me",
    assignee: null,
    ...fields,
  };
}

export function makeProject(fields: Partial<Project> & { name: string }): Project {
  return {
    id: newId(),
    description: null,
    color: null,
    position: 0,
    archived: false,
    taskCount: 0,
    openTaskCount: 0,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ...fields,
  };
}

function fail(code: AppError["code"], message: string, field?: string, current?: Task | Project): never {
  const error: AppError = { code, message };
  if (field !== undefined) error.field = field;
  if (current !== undefined) error.current = structuredClone(current);
  throw error;
}

/** The backend's tag key: Unicode lowercase of the trimmed name. */
function tagKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Code-point order, as Rust sorts strings (not UTF-16 order, not locale order). */
function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** The backend's one timestamp form: UTC with milliseconds. */
function timestamp(text: string): string {
  return new Date(text).toISOString();
}

const PRIORITY_RANK: Record<Task["priority"], number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

/** The backend's order for a filter: its sort key (no due date last), then the id. */
function compareTasks(filter: TaskFilter): (a: Task, b: Task) => number {
  const sign = filter.descending ? -1 : 1;
  const key = (a: Task, b: Task): number => {
    switch (filter.sort ?? "manual") {
      case "manual":
        return a.position - b.position || byCodePoint(a.createdAt, b.createdAt);
      case "due":
        return a.dueAt === null || b.dueAt === null ? 0 : byCodePoint(a.dueAt, b.dueAt);
      case "priority":
        return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      case "created":
        return byCodePoint(a.createdAt, b.createdAt);
      case "updated":
        return byCodePoint(a.updatedAt, b.updatedAt);
      case "title":
        return byCodePoint(foldAscii(a.title), foldAscii(b.title));
    }
  };
  return (a, b) => {
    if (filter.sort === "due" && (a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
    return sign * (key(a, b) || byCodePoint(a.id, b.id));
  };
}

/** The sort-key values of `task` that a cursor keeps, besides the id. */
function sortKeys(sort: TaskSort, task: Task): Partial<Task> {
  switch (sort) {
    case "manual":
      return { position: task.position, createdAt: task.createdAt };
    case "due":
      return { dueAt: task.dueAt };
    case "priority":
      return { priority: task.priority };
    case "created":
      return { createdAt: task.createdAt };
    case "updated":
      return { updatedAt: task.updatedAt };
    case "title":
      return { title: task.title };
  }
}

type Cursor = { sort: TaskSort; descending: boolean; keys: Partial<Task>; id: Id };

const KEY_TYPES: Record<TaskSort, Record<string, (value: unknown) => boolean>> = {
  manual: { position: (v) => typeof v === "number", createdAt: (v) => typeof v === "string" },
  due: { dueAt: (v) => v === null || typeof v === "string" },
  priority: { priority: (v) => typeof v === "string" && Object.hasOwn(PRIORITY_RANK, v) },
  created: { createdAt: (v) => typeof v === "string" },
  updated: { updatedAt: (v) => typeof v === "string" },
  title: { title: (v) => typeof v === "string" },
};

/** The fake's own opaque cursor: base64 of the last task's sort keys, bound to the sort. */
function encodeCursor(filter: TaskFilter, task: Task): string {
  const sort = filter.sort ?? "manual";
  const cursor: Cursor = { sort, descending: filter.descending === true, keys: sortKeys(sort, task), id: task.id };
  return btoa(String.fromCodePoint(...new TextEncoder().encode(JSON.stringify(cursor))));
}

/** The task position a cursor stands for: a row with its keys, compared like any other. */
function decodeCursor(text: string, filter: TaskFilter): Task {
  const invalid = () =>
    fail("VALIDATION", "The page cursor is not valid; start again from the first page", "page.after");
  let cursor: Cursor;
  try {
    const bytes = Uint8Array.from(atob(text), (char) => char.codePointAt(0) ?? 0);
    cursor = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as Cursor;
  } catch {
    return invalid();
  }
  if (typeof cursor !== "object" || cursor === null || !Object.hasOwn(KEY_TYPES, cursor.sort)) return invalid();
  if (cursor.sort !== (filter.sort ?? "manual") || cursor.descending !== (filter.descending === true)) {
    fail(
      "VALIDATION",
      "The page cursor belongs to another sort order; start again from the first page",
      "page.after",
    );
  }
  const checks = Object.entries(KEY_TYPES[cursor.sort]);
  const keys = (cursor.keys ?? {}) as Record<string, unknown>;
  if (typeof cursor.id !== "string" || !checks.every(([key, check]) => key in keys && check(keys[key]))) {
    return invalid();
  }
  return { ...cursor.keys, id: cursor.id } as Task;
}

function matches(task: Task, filter: TaskFilter): boolean {
  const search = filter.search?.trim();
  const tags = filter.tags?.map(tagKey);
  const some = <T,>(list: readonly T[] | undefined, test: (item: T) => boolean) =>
    list === undefined || list.length === 0 || list.some(test);
  const statusesGiven = filter.statuses !== undefined && filter.statuses.length > 0;
  return (
    (statusesGiven || filter.includeDone === true || task.status !== "done") &&
    (filter.dueBefore === undefined || (task.dueAt !== null && task.dueAt < timestamp(filter.dueBefore))) &&
    (filter.dueAfter === undefined || (task.dueAt !== null && task.dueAt >= timestamp(filter.dueAfter))) &&
    (!filter.inbox || task.projectIds.length === 0) &&
    some(filter.projectIds, (id) => task.projectIds.includes(id)) &&
    some(filter.statuses, (status) => status === task.status) &&
    some(filter.priorities, (priority) => priority === task.priority) &&
    some(tags, (key) => task.tags.some((tag) => tagKey(tag) === key)) &&
    (!search || matchesSearch(task, search)) &&
    (!filter.assignee?.trim() ||
      (task.assignee !== null && tagKey(task.assignee) === tagKey(filter.assignee)))
  );
}

/**
 * An in-memory stand-in for the Rust backend behind mockIPC, with the backend's rules (trimming,
 * tag merging, versions, idempotent creates, messages) and a log of every call. Events are
 * mocked too, so tests can `emit`. A transcript of the real backend is replayed against it
 * (`fakeBackend.transcript.test.ts`), so a drift from the real rules fails a test.
 */
export function installFakeBackend(seed: { tasks?: Task[]; projects?: Project[] } = {}) {
  const db = {
    tasks: [...(seed.tasks ?? [])],
    projects: [...(seed.projects ?? [])],
    settings: { theme: "system", notifications: true } as Settings,
    /** What `app_status` says about start-up: set when the main window's page is ready. */
    startupMs: null as number | null,
    /** What "Test connection" finds at a URL (see `checkDatabase`). */
    databases: new Map<string, DatabaseCheck | { code: ErrorCode; message: string }>(),
    /** The database chosen in Settings → Database (`null`: the local file; `undefined`: untouched). */
    chosenDatabase: undefined as string | null | undefined,
    restarts: 0,
    /** The team server open now, as `app_status` tells it (`null`: the local file). */
    server: null as AppStatus["server"],
  };
  /** Every `ui:ready` a page emitted, oldest first. */
  const uiReady: UiReady[] = [];
  // Tags outlive the tasks that used them, and keep their first spelling (as the tags table does).
  const tagSpellings = new Map<string, string>();
  for (const task of db.tasks) for (const tag of task.tags) tagSpellings.set(tagKey(tag), tag);
  const calls: { command: string; args: InvokeArgs | undefined }[] = [];
  let windowsOpened = 0;
  /** What the next calls of a command do instead of answering, first one first. */
  const failures = new Map<CommandName, unknown[]>();
  const failNext = (command: CommandName, reason: unknown, times: number) =>
    failures.set(command, [...(failures.get(command) ?? []), ...Array<unknown>(times).fill(reason)]);

  const notFound = (what: string, id: Id, field?: string): never =>
    fail("NOT_FOUND", `${what} ${id} does not exist (it may have been deleted)`, field);
  const findTask = (id: Id) => db.tasks.find((task) => task.id === id) ?? notFound("Task", id);
  const findProject = (id: Id) =>
    db.projects.find((project) => project.id === id) ?? notFound("Project", id);
  const requiredText = (field: string, label: string, text: string) => {
    const trimmed = text.trim();
    if (trimmed === "") fail("VALIDATION", `${label} cannot be empty`, field);
    return trimmed;
  };
  const description = (text: string | null | undefined) =>
    text === undefined || text === null || text.trim() === "" ? null : text;
  const checkProjects = (ids: readonly Id[]) => {
    const missing = ids.find((id) => !db.projects.some((project) => project.id === id));
    if (missing !== undefined) notFound("Project", missing, "projectIds");
    return [...new Set(ids)].sort(byCodePoint);
  };
  /** Tag names as stored: merged ignoring case, existing spellings kept, sorted by key. */
  const storeTags = (names: readonly string[]) => {
    const keys = new Map<string, string>();
    for (const name of names) {
      const trimmed = requiredText("tags", "A tag", name);
      const key = tagKey(trimmed);
      if (!keys.has(key)) keys.set(key, tagSpellings.get(key) ?? trimmed);
    }
    for (const [key, name] of keys) tagSpellings.set(key, name);
    return [...keys.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([, name]) => name);
  };
  /** "Test connection", as the backend answers it: a test may set what a URL leads to in
   * `db.databases` (a check, or an error); otherwise a file is empty and a server current. */
  const checkDatabase = (url: string): DatabaseCheck => {
    const trimmed = url.trim();
    const known = db.databases.get(trimmed);
    if (known && "code" in known) return fail(known.code, known.message, "url");
    if (known) return known;
    // Like `redact` in src-tauri/src/db/connection.rs: no message or answer holds the password.
    const redacted = trimmed.replace(/^(\w+:\/\/[^:/@]*):[^@/]*@/, "$1:***@");
    const server = trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://");
    if (!server && !trimmed.startsWith("sqlite:")) {
      fail(
        "VALIDATION",
        `\`${redacted}\` is not a valid database URL (it starts with neither \`sqlite:\` nor \`postgres://\`). ` +
          "Set TASKLANE_DB_URL to e.g. sqlite:/path/to/tasklane.db or postgres://user:password@host:5432/tasklane",
        "url",
      );
    }
    return {
      url: redacted,
      schema: server ? "current" : "empty",
      serverVersion: server ? "15.18" : null,
    };
  };
  /** An assignee as stored: trimmed, and spelled as on another task that has the same person. */
  const assigneeName = (name: string) => {
    const trimmed = requiredText("assignee", "The assignee", name);
    if ([...trimmed].length > 50)
      fail("VALIDATION", "The assignee is too long (at most 50 characters)", "assignee");
    const known = db.tasks.find((task) => task.assignee !== null && tagKey(task.assignee) === tagKey(trimmed));
    return known?.assignee ?? trimmed;
  };
  const stale = (what: string, expected: number, current: Task | Project): never =>
    fail(
      "CONFLICT",
      `${what} was changed in another window (version ${current.version}, you edited version ${expected})`,
      undefined,
      current,
    );
  const nextPosition = (rows: readonly { position: number }[], gap = 1) =>
    Math.min(rows.reduce((max, row) => Math.max(max, row.position), 0) + gap, Number.MAX_SAFE_INTEGER);
  /** Tasks in the manual order (position, createdAt, id), as the backend's `order_operations`. */
  const manualOrder = () =>
    [...db.tasks].sort(
      (a, b) => a.position - b.position || byCodePoint(a.createdAt, b.createdAt) || byCodePoint(a.id, b.id),
    );
  const withCounts = (project: Project): Project => {
    const tasks = db.tasks.filter((task) => task.projectIds.includes(project.id));
    const openTaskCount = tasks.filter((task) => task.status !== "done").length;
    return { ...project, taskCount: tasks.length, openTaskCount };
  };
  const status = (): AppStatus => ({
    taskCount: db.tasks.length,
    openTaskCount: db.tasks.filter((task) => task.status !== "done").length,
    projectCount: db.projects.length,
    dbPath: db.server ? null : "/home/me/.local/share/app.tasklane.desktop/tasklane.db",
    dbSizeBytes: 1536,
    schemaVersion: "m20261208_000001_defer_search_indexing",
    appVersion: "0.1.0",
    startupMs: db.startupMs,
    server: db.server,
  });
  /** Like the backend: every window hears of a change (this one too), and the status reporter
   * reports soon after. Events due after the test has ended (its IPC mocks cleared) are moot,
   * so their failures are dropped. */
  const announce = (event: string, kind: ChangeKind, ids: Id[]) =>
    setTimeout(() => {
      emit(event, { kind, ids }).catch(() => undefined);
      emit("app:status", status()).catch(() => undefined);
    }, 0);
  const data = fakeData({
    db,
    tags: tagSpellings,
    dbPath: () => status().dbPath,
    listTasks: (filter) => db.tasks.filter((task) => matches(task, filter)).sort(compareTasks(filter)),
    newTask: (fields) => makeTask({ position: nextPosition(db.tasks, TASK_GAP), ...fields }),
    storeTags,
    announce,
  });

  const handlers: Record<CommandName, (args: never) => unknown> = {
    db_create_task: ({ input }: { input: NewTask }) => {
      const now = new Date().toISOString();
      const status = input.status ?? "todo";
      const fields = {
        title: requiredText("title", "Title", input.title),
        description: description(input.description),
        status,
        priority: input.priority ?? "none",
        dueAt: input.dueAt === undefined ? null : timestamp(input.dueAt),
        completedAt: status === "done" ? now : null,
        assignee: input.assignee === undefined ? null : assigneeName(input.assignee),
      };
      const existing = db.tasks.find((task) => task.id === input.id);
      if (existing) {
        const same =
          existing.title === fields.title &&
          existing.description === fields.description &&
          existing.status === fields.status &&
          existing.priority === fields.priority &&
          existing.dueAt === fields.dueAt &&
          tagKey(existing.assignee ?? "") === tagKey(fields.assignee ?? "") &&
          existing.tags.map(tagKey).join("\n") ===
            [...new Set((input.tags ?? []).map(tagKey))].sort(byCodePoint).join("\n") &&
          existing.projectIds.join() === [...new Set(input.projectIds ?? [])].sort(byCodePoint).join();
        return same ? existing : fail("CONFLICT", `Another task already has the id ${input.id}`, "id");
      }
      const projectIds = checkProjects(input.projectIds ?? []);
      const task = makeTask({
        ...fields,
        ...(input.id === undefined ? {} : { id: input.id }),
        tags: storeTags(input.tags ?? []),
        projectIds,
        position: nextPosition(db.tasks, TASK_GAP),
        createdAt: now,
        updatedAt: now,
      });
      db.tasks.push(task);
      return task;
    },
    db_get_tasks: ({ filter = {}, page = {} }: { filter?: TaskFilter; page?: PageRequest }): TaskPage => {
      const { limit = PAGE_DEFAULT, after } = page;
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
        fail("VALIDATION", `A page holds 1 to ${PAGE_MAX} tasks`, "page.limit");
      }
      const compare = compareTasks(filter);
      const listed = db.tasks.filter((task) => matches(task, filter)).sort(compare);
      const start = after === undefined ? undefined : decodeCursor(after, filter);
      const rest = start === undefined ? listed : listed.filter((task) => compare(task, start) > 0);
      const tasks = rest.slice(0, limit);
      const last = tasks.at(-1);
      const next = rest.length > limit && last ? encodeCursor(filter, last) : null;
      return { tasks, next, total: listed.length };
    },
    db_get_tags: ({ search, limit = 20 }: TagQuery) => {
      if (limit < 1 || limit > 200) fail("VALIDATION", "Limit must be between 1 and 200", "limit");
      const key = tagKey(search ?? "");
      const counted = [...tagSpellings.entries()]
        .filter(([tag]) => tag.includes(key))
        .map(([tag, name]) => ({
          key: tag,
          prefix: tag.startsWith(key),
          tagCount: { name, taskCount: db.tasks.filter((task) => task.tags.some((t) => tagKey(t) === tag)).length },
        }));
      counted.sort(
        (a, b) =>
          Number(b.prefix) - Number(a.prefix) ||
          b.tagCount.taskCount - a.tagCount.taskCount ||
          byCodePoint(a.key, b.key),
      );
      return counted.slice(0, limit).map((entry) => entry.tagCount);
    },
    db_get_task: ({ id }: { id: Id }) => findTask(id),
    db_update_task: ({ id, patch }: { id: Id; patch: TaskPatch }) => {
      const { expectedVersion, ...changes } = patch;
      const title = changes.title === undefined ? undefined : requiredText("title", "Title", changes.title);
      const assignee =
        changes.assignee === undefined || changes.assignee === null
          ? changes.assignee
          : assigneeName(changes.assignee);
      const task = findTask(id);
      if (task.version !== expectedVersion) stale("The task", expectedVersion, task);
      const now = new Date().toISOString();
      const next: Task = { ...task, updatedAt: now, version: task.version + 1 };
      if (title !== undefined) next.title = title;
      if (changes.description !== undefined) next.description = description(changes.description);
      if (changes.priority !== undefined) next.priority = changes.priority;
      if (changes.position !== undefined) next.position = changes.position;
      if (changes.dueAt !== undefined)
        next.dueAt = changes.dueAt === null ? null : timestamp(changes.dueAt);
      if (changes.status !== undefined) {
        next.status = changes.status;
        if ((changes.status === "done") !== (task.status === "done"))
          next.completedAt = changes.status === "done" ? now : null;
      }
      if (changes.projectIds !== undefined) next.projectIds = checkProjects(changes.projectIds);
      if (changes.tags !== undefined) next.tags = storeTags(changes.tags);
      if (assignee !== undefined) next.assignee = assignee;
      return Object.assign(task, next);
    },
    db_move_task: ({ id, to }: { id: Id; to: MoveTo }) => {
      for (const [field, anchor] of [
        ["to.before", to.before],
        ["to.after", to.after],
      ] as const) {
        if (anchor === id) fail("VALIDATION", "A task cannot be moved next to itself", field);
      }
      const task = findTask(id);
      const anchorOf = (field: string, anchorId: Id | undefined) => {
        if (anchorId === undefined) return undefined;
        return db.tasks.find((t) => t.id === anchorId) ?? fail("NOT_FOUND", `Task ${anchorId} does not exist (it may have been deleted)`, field);
      };
      const after = anchorOf("to.after", to.after);
      const before = anchorOf("to.before", to.before);
      const others = () => manualOrder().filter((t) => t.id !== id);
      if (after && before && others().indexOf(after) >= others().indexOf(before))
        fail("VALIDATION", "`after` must come before `before` in the list", "to.after");
      const room = (): number | null => {
        const list = others();
        const low = after ?? (before ? list[list.indexOf(before) - 1] : list.at(-1));
        const high = before ?? (after ? list[list.indexOf(after) + 1] : undefined);
        if (high === undefined) return (low?.position ?? 0) + TASK_GAP;
        if (low === undefined) return high.position - TASK_GAP;
        return high.position - low.position >= 2 ? low.position + Math.floor((high.position - low.position) / 2) : null;
      };
      let position = room();
      if (position === null) {
        // Packed: the backend spreads a few followers or renumbers; the order is what counts here.
        manualOrder().forEach((t, n) => (t.position = (n + 1) * TASK_GAP));
        position = room() ?? fail("INTERNAL", "no room in the manual order after renumbering it");
      }
      const now = new Date().toISOString();
      const next: Task = { ...task, position, updatedAt: now, version: task.version + 1 };
      if (to.status !== undefined) {
        next.status = to.status;
        if ((to.status === "done") !== (task.status === "done")) next.completedAt = to.status === "done" ? now : null;
      }
      return Object.assign(task, next);
    },
    db_delete_task: ({ id }: { id: Id }) => {
      findTask(id);
      db.tasks = db.tasks.filter((task) => task.id !== id);
      return null;
    },
    db_create_project: ({ input }: { input: NewProject }) => {
      const now = new Date().toISOString();
      const fields = {
        name: requiredText("name", "Name", input.name),
        description: description(input.description),
        color: input.color === undefined ? null : input.color.trim().toLowerCase(),
      };
      const existing = db.projects.find((project) => project.id === input.id);
      if (existing) {
        const same =
          existing.name === fields.name &&
          existing.description === fields.description &&
          existing.color === fields.color;
        return same
          ? withCounts(existing)
          : fail("CONFLICT", `Another project already has the id ${input.id}`, "id");
      }
      const project = makeProject({
        ...fields,
        ...(input.id === undefined ? {} : { id: input.id }),
        position: nextPosition(db.projects),
        createdAt: now,
        updatedAt: now,
      });
      db.projects.push(project);
      return project;
    },
    db_get_projects: () => db.projects.map(withCounts),
    db_get_project: ({ id }: { id: Id }) => withCounts(findProject(id)),
    db_update_project: ({ id, patch }: { id: Id; patch: ProjectPatch }) => {
      const { expectedVersion, ...changes } = patch;
      const name = changes.name === undefined ? undefined : requiredText("name", "Name", changes.name);
      const project = findProject(id);
      if (project.version !== expectedVersion) stale("The project", expectedVersion, withCounts(project));
      const next: Project = { ...project, updatedAt: new Date().toISOString(), version: project.version + 1 };
      if (name !== undefined) next.name = name;
      if (changes.description !== undefined) next.description = description(changes.description);
      if (changes.color !== undefined)
        next.color = changes.color === null ? null : changes.color.trim().toLowerCase();
      if (changes.archived !== undefined) next.archived = changes.archived;
      if (changes.position !== undefined) next.position = changes.position;
      return withCounts(Object.assign(project, next));
    },
    db_delete_project: ({ id }: { id: Id }) => {
      findProject(id);
      db.projects = db.projects.filter((project) => project.id !== id);
      for (const task of db.tasks)
        task.projectIds = task.projectIds.filter((projectId) => projectId !== id);
      return null;
    },
    db_get_settings: () => db.settings,
    db_update_settings: ({ patch }: { patch: SettingsPatch }) =>
      (db.settings = { ...db.settings, ...patch }),
    app_status: status,
    app_open_window: () => `window-${2 + windowsOpened++}`,
    app_check_database: ({ url }: { url: string }) => checkDatabase(url),
    app_set_database: ({ url }: { url: string | null }) => {
      const check = url === null ? null : checkDatabase(url);
      db.chosenDatabase = url === null ? null : url.trim();
      return check;
    },
    app_restart: () => {
      db.restarts += 1;
      return null;
    },
    ...data.handlers,
  };

  mockWindows("main");
  mockIPC(
    (command, args) => {
      calls.push({ command, args });
      const queued = failures.get(command as CommandName);
      if (queued !== undefined && queued.length > 0) {
        const reason = queued.shift();
        if (reason === HANG) return new Promise(() => undefined);
        throw reason;
      }
      const handler = handlers[command as CommandName];
      if (!handler) throw `unknown command ${command}`;
      const answer: unknown = handler((args ?? {}) as never);
      // structuredClone: the UI must never share objects with the "database". A long job (an
      // import, an export) answers later and announces its own changes.
      if (answer instanceof Promise) return (answer as Promise<unknown>).then((value) => structuredClone(value));
      const reply = structuredClone(answer);
      const announced = ANNOUNCES[command as CommandName];
      if (announced) {
        const [event, kind] = announced;
        const ids = kind === "created" ? [(reply as { id: Id }).id] : "id" in (args ?? {}) ? [(args as { id: Id }).id] : [];
        announce(event, kind, ids);
      }
      return reply;
    },
    { shouldMockEvents: true },
  );
  // The backend listens for pages saying they are ready to be shown (src-tauri/src/startup.rs).
  void listen<UiReady>(UI_READY, (event) => uiReady.push(event.payload));

  return {
    db,
    /** The `ui:ready` payloads pages emitted, oldest first. */
    uiReady,
    /** The argument objects sent with `command`, oldest first. */
    argsOf: (command: CommandName) =>
      calls.filter((call) => call.command === command).map((call) => call.args),
    /** Makes the next call (or `times` calls) of `command` never answer, as a stuck IPC hook would. */
    hangNext: (command: CommandName, times = 1) => failNext(command, HANG, times),
    /** Makes the next call (or `times` calls) of `command` reject with `reason`. */
    failNext: (command: CommandName, reason: unknown, times = 1) => failNext(command, reason, times),
    /** Import, export and backups: the files on the fake's disk, the backups, holding a job mid-way. */
    data: data.controls,
  };
}
