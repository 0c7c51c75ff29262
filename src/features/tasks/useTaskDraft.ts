import { useState } from "react";
import type { Task } from "../../bindings/Task";
import { draftFromTask, patchFromDraft, type TaskDraft } from "./draft";

type DraftState = { base: Task; baseDraft: TaskDraft; draft: TaskDraft };

function fromTask(task: Task): DraftState {
  const base = draftFromTask(task);
  return { base: task, baseDraft: base, draft: base };
}

/**
 * The edit form's values for a task. When the task changes elsewhere (another window), the
 * form follows it unless the user has started editing; then it stays on the version the edit
 * started from, so saving sends that version and the backend refuses to overwrite the newer
 * one silently (`CONFLICT`).
 */
export function useTaskDraft(task: Task) {
  const [state, setState] = useState(() => fromTask(task));
  let current = state;
  const edited = state.draft !== state.baseDraft;
  if (task.version !== state.base.version && !edited) {
    current = fromTask(task);
    setState(current);
  }
  return {
    draft: current.draft,
    /** What the user changed, relative to the version the edit started from. */
    changes: patchFromDraft(current.base, current.draft),
    /** The version of the task the form's changes were made from. */
    baseVersion: current.base.version,
    change: (change: Partial<TaskDraft>) =>
      setState((previous) => ({ ...previous, draft: { ...previous.draft, ...change } })),
    reset: (saved: Task) => setState(fromTask(saved)),
  };
}
