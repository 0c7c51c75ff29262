import { useState } from "react";
import type { Task } from "../../bindings/Task";
import { draftFromTask, patchFromDraft, type TaskDraft } from "./draft";

type DraftState = { version: string; base: TaskDraft; draft: TaskDraft };

function fromTask(task: Task): DraftState {
  const base = draftFromTask(task);
  return { version: task.updatedAt, base, draft: base };
}

/**
 * The edit form's values for a task. When the task changes elsewhere (another window), the
 * form follows it unless the user has started editing.
 */
export function useTaskDraft(task: Task) {
  const [state, setState] = useState(() => fromTask(task));
  let current = state;
  if (task.updatedAt !== state.version) {
    const edited = state.draft !== state.base;
    const next = fromTask(task);
    current = edited ? { ...next, draft: state.draft } : next;
    setState(current);
  }
  return {
    draft: current.draft,
    patch: patchFromDraft(task, current.draft),
    change: (change: Partial<TaskDraft>) =>
      setState((previous) => ({ ...previous, draft: { ...previous.draft, ...change } })),
    reset: (saved: Task) => setState(fromTask(saved)),
  };
}
