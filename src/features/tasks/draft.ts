import type { Id } from "../../bindings/Id";
import type { NewTask } from "../../bindings/NewTask";
import type { Task } from "../../bindings/Task";
import type { TaskPatch } from "../../bindings/TaskPatch";
import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { dayToTimestamp, timestampToDay } from "./dates";

/** The task form's values, as the inputs hold them. */
export type TaskDraft = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** Comma-separated, as typed. */
  tags: string;
  projectIds: Id[];
  /** `yyyy-mm-dd`, or "" for none. */
  due: string;
  /** "" for nobody. */
  assignee: string;
};

export function emptyDraft(projectIds: Id[] = []): TaskDraft {
  return {
    title: "",
    description: "",
    status: "todo",
    priority: "none",
    tags: "",
    projectIds,
    due: "",
    assignee: "",
  };
}

export function draftFromTask(task: Task): TaskDraft {
  return {
    title: task.title,
    description: task.description ?? "",
    status: task.status,
    priority: task.priority,
    tags: task.tags.join(", "),
    projectIds: task.projectIds,
    due: task.dueAt ? timestampToDay(task.dueAt) : "",
    assignee: task.assignee ?? "",
  };
}

export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/**
 * The NewTask for a filled-in form; empty optional fields are left out. `id` is chosen once per
 * form, so sending it again after a timeout cannot create the task twice.
 */
export function newTaskFromDraft(draft: TaskDraft, id: Id): NewTask {
  const input: NewTask = {
    id,
    title: draft.title.trim(),
    status: draft.status,
    priority: draft.priority,
  };
  const description = draft.description.trim();
  const tags = parseTags(draft.tags);
  const dueAt = dayToTimestamp(draft.due);
  const assignee = draft.assignee.trim();
  if (description !== "") input.description = description;
  if (tags.length > 0) input.tags = tags;
  if (draft.projectIds.length > 0) input.projectIds = draft.projectIds;
  if (dueAt !== null) input.dueAt = dueAt;
  if (assignee !== "") input.assignee = assignee;
  return input;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((item) => set.has(item));
}

/** The fields of a patch; the version it is made from is added when it is sent. */
export type TaskChanges = Omit<TaskPatch, "expectedVersion">;

/**
 * Only what changed between the task and the form: an emptied description, due date or assignee
 * is sent as `null` (clear), tags and projects as the whole new set.
 */
export function patchFromDraft(task: Task, draft: TaskDraft): TaskChanges {
  const patch: TaskChanges = {};
  const title = draft.title.trim();
  const description = draft.description.trim();
  const tags = parseTags(draft.tags);
  const dueAt = dayToTimestamp(draft.due);
  const assignee = draft.assignee.trim();
  if (title !== task.title) patch.title = title;
  if (description !== (task.description ?? ""))
    patch.description = description === "" ? null : description;
  if (draft.status !== task.status) patch.status = draft.status;
  if (draft.priority !== task.priority) patch.priority = draft.priority;
  if (!sameSet(tags, task.tags)) patch.tags = tags;
  if (!sameSet(draft.projectIds, task.projectIds)) patch.projectIds = draft.projectIds;
  const currentDueAt = task.dueAt === null ? null : dayToTimestamp(timestampToDay(task.dueAt));
  if (dueAt !== currentDueAt) patch.dueAt = dueAt;
  if (assignee !== (task.assignee ?? "")) patch.assignee = assignee === "" ? null : assignee;
  return patch;
}
