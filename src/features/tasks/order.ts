import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Id } from "../../bindings/Id";
import type { MoveTo } from "../../bindings/MoveTo";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { useReportError } from "../../app/notices";
import { queryKeys } from "../../app/queryKeys";
import { refreshAfterOwnChange, refreshAfterTasksChanged } from "../../app/refresh";
import { invokeDbMoveTask, IpcError } from "../../ipc";
import { updateListedTask, type TaskPages } from "./api";

/** The tasks next to a place in the manual order: `after` comes right before it, `before` right after. */
export type Anchors = Pick<MoveTo, "before" | "after">;

/** The anchors of the task at `index` of `ids`, a list in manual order with the task already in its new place. */
export function anchorsAt(ids: readonly Id[], index: number): Anchors {
  const anchors: Anchors = {};
  const after = ids[index - 1];
  const before = ids[index + 1];
  if (after !== undefined) anchors.after = after;
  if (before !== undefined) anchors.before = before;
  return anchors;
}

/**
 * Where a moved task goes in one cached list: next to its anchors (none: last, as the backend
 * puts it), first, last, or out of the list (the column it left).
 */
export type Placement = Anchors | "first" | "last" | "out";

/**
 * The pages of one list with `task` taken out and, unless `out`, put in its place; every page's
 * `total` follows. A place that is not loaded (an anchor on no loaded page, last while pages
 * remain) leaves the task out of the loaded pages, where the next read will find it.
 */
export function placeInPages(data: TaskPages, task: Task, placement: Placement): TaskPages {
  const wasListed = data.pages.some((page) => page.tasks.some((listed) => listed.id === task.id));
  const pages = data.pages.map((page) => ({ ...page, tasks: page.tasks.filter((listed) => listed.id !== task.id) }));
  const delta = (placement === "out" ? 0 : 1) - (wasListed ? 1 : 0);
  const insert = (pageIndex: number, at: (tasks: Task[]) => number) => {
    const page = pages[pageIndex];
    if (!page) return;
    const index = at(page.tasks);
    if (index >= 0) page.tasks.splice(index, 0, task);
  };
  const pageWith = (id: Id) => pages.findIndex((page) => page.tasks.some((listed) => listed.id === id));
  const last = placement === "last" || (typeof placement === "object" && !placement.after && !placement.before);
  if (placement === "first") insert(0, () => 0);
  else if (last) {
    if (pages.at(-1)?.next === null) insert(pages.length - 1, (tasks) => tasks.length);
  } else if (placement !== "out" && placement.after !== undefined) {
    const { after } = placement;
    insert(pageWith(after), (tasks) => tasks.findIndex((listed) => listed.id === after) + 1);
  } else if (placement !== "out" && placement.before !== undefined) {
    const { before } = placement;
    insert(pageWith(before), (tasks) => tasks.findIndex((listed) => listed.id === before));
  }
  return { ...data, pages: pages.map((page) => ({ ...page, total: page.total + delta })) };
}

/** The task as a move into `status` leaves it, until the backend's answer replaces it. */
export function movedTask(task: Task, status: TaskStatus | undefined): Task {
  if (status === undefined || status === task.status) return task;
  const completedAt = status === "done" ? new Date().toISOString() : null;
  return { ...task, status, completedAt };
}

/** A move: the task as it will be, where the backend puts it, and where it goes in each cached list shown. */
export type TaskMove = {
  task: Task;
  to: MoveTo;
  lists: { key: QueryKey; placement: Placement }[];
};

type SentMove = TaskMove & { snapshot: (readonly [QueryKey, TaskPages | undefined])[] };

/**
 * Moves a task in the manual order (and into another status): the lists show it in its new
 * place at once (synchronously, so a drop never shows the old order for a frame), the backend
 * is asked, and a failure puts the lists back as they were and shows the error.
 */
export function useMoveTask(): (move: TaskMove) => void {
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const { mutate } = useMutation({
    mutationFn: ({ task, to }: SentMove) => invokeDbMoveTask(task.id, to),
    // Here and not in mutate's own callbacks: those run for the latest call only.
    onError: (error, { task, snapshot }) => {
      for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
      reportError(error);
      // Refused because this window's lists are out of date (an anchor moved or was deleted by a
      // writer whose event did not reach us): no event follows a failed write, so refresh here.
      if (error instanceof IpcError && ["CONFLICT", "NOT_FOUND", "VALIDATION"].includes(error.code)) {
        void refreshAfterTasksChanged(queryClient, { kind: "updated", ids: [task.id] });
      }
    },
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.task(task.id), task);
      updateListedTask(queryClient, task.id, () => task);
      return refreshAfterOwnChange(queryClient, "tasks", { kind: "updated", ids: [task.id] });
    },
  });
  return useCallback(
    (move: TaskMove) => {
      const snapshot = move.lists.map(({ key }) => [key, queryClient.getQueryData<TaskPages>(key)] as const);
      for (const { key, placement } of move.lists) {
        queryClient.setQueryData<TaskPages>(key, (data) => data && placeInPages(data, move.task, placement));
        // A read already on its way would bring the old order back (cancelling keeps what was
        // just set); the move's change event reads the lists again.
        void queryClient.cancelQueries({ queryKey: key, exact: true });
      }
      mutate({ ...move, snapshot });
    },
    [queryClient, mutate],
  );
}
