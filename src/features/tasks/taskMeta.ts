import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskStatus } from "../../bindings/TaskStatus";

// Records keep these complete when the Rust enums grow.
export const STATUS_LABELS: Record<TaskStatus, string> = {
  backlog: "Backlog",
  todo: "To do",
  in_progress: "In progress",
  blocked: "Blocked",
  done: "Done",
};

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  none: "No priority",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

export const STATUSES = Object.keys(STATUS_LABELS) as TaskStatus[];
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as TaskPriority[];

// One click moves a task forward; a blocked task goes back to work, a done one reopens.
const NEXT_STATUS: Record<TaskStatus, TaskStatus> = {
  backlog: "todo",
  todo: "in_progress",
  in_progress: "done",
  blocked: "in_progress",
  done: "todo",
};

export function nextStatus(status: TaskStatus): TaskStatus {
  return NEXT_STATUS[status];
}

/** Keys that set a status on the focused task row: 1–5 in workflow order. */
export function statusForKey(key: string): TaskStatus | undefined {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? STATUSES[index] : undefined;
}
