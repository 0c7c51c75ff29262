import type { Id } from "../bindings/Id";
import type { MoveTo } from "../bindings/MoveTo";
import type { NewTask } from "../bindings/NewTask";
import type { PageRequest } from "../bindings/PageRequest";
import type { Task } from "../bindings/Task";
import type { TaskFilter } from "../bindings/TaskFilter";
import type { TaskPage } from "../bindings/TaskPage";
import type { TaskPatch } from "../bindings/TaskPatch";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

export function invokeDbCreateTask(input: NewTask): Promise<Task> {
  return invokeWithTimeout("db_create_task", { input }, TIMEOUT_MS.write);
}

/**
 * One page of the tasks matching `filter`: the first without `page.after`, the next ones with
 * the previous page's `next` (an opaque cursor, valid only for the same sort and direction).
 */
export function invokeDbGetTasks(filter: TaskFilter = {}, page?: PageRequest): Promise<TaskPage> {
  const args = page === undefined ? { filter } : { filter, page };
  return invokeWithTimeout("db_get_tasks", args, TIMEOUT_MS.read);
}

export function invokeDbGetTask(id: Id): Promise<Task> {
  return invokeWithTimeout("db_get_task", { id }, TIMEOUT_MS.read);
}

export function invokeDbUpdateTask(id: Id, patch: TaskPatch): Promise<Task> {
  return invokeWithTimeout("db_update_task", { id, patch }, TIMEOUT_MS.write);
}

/**
 * Moves a task in the manual order (right before `to.before`, right after `to.after`, between
 * both, or last) and into `to.status` when given. Errors: `NOT_FOUND` (the task; field
 * `to.before`/`to.after`), `VALIDATION` (an anchor that is the task, or `after` not first).
 */
export function invokeDbMoveTask(id: Id, to: MoveTo): Promise<Task> {
  return invokeWithTimeout("db_move_task", { id, to }, TIMEOUT_MS.write);
}

export function invokeDbDeleteTask(id: Id): Promise<null> {
  return invokeWithTimeout("db_delete_task", { id }, TIMEOUT_MS.write);
}
