import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { Id } from "../../bindings/Id";
import type { Task } from "../../bindings/Task";
import type { PageRequest } from "../../bindings/PageRequest";
import type { TaskFilter } from "../../bindings/TaskFilter";
import type { TaskPage } from "../../bindings/TaskPage";
import type { TaskPatch } from "../../bindings/TaskPatch";
import {
  invokeDbCreateTask,
  invokeDbDeleteTask,
  invokeDbGetTags,
  invokeDbGetTask,
  invokeDbGetTasks,
  invokeDbUpdateTask,
  IpcError,
} from "../../ipc";
import { queryKeys } from "../../app/queryKeys";
import { refreshAfterOwnChange, refreshAfterTasksChanged } from "../../app/refresh";

/** The cached pages of one task list; a page's param is the cursor it was read after. */
export type TaskPages = InfiniteData<TaskPage>;

/**
 * A task list, read a page at a time (`pageSize`, else the backend's default) as the list is
 * scrolled. A change event refetches the pages loaded so far, from the first, and swaps them in
 * at once: the rows on screen stay until then.
 */
export function useTaskPages(filter: TaskFilter, options: { pageSize?: number; enabled?: boolean } = {}) {
  const { pageSize, enabled = true } = options;
  return useInfiniteQuery({
    queryKey: queryKeys.taskList(filter, pageSize),
    queryFn: ({ pageParam }) => {
      const page: PageRequest = {};
      if (pageSize !== undefined) page.limit = pageSize;
      if (pageParam !== null) page.after = pageParam;
      return Object.keys(page).length === 0 ? invokeDbGetTasks(filter) : invokeDbGetTasks(filter, page);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    enabled,
    // Keep the old rows on screen while a new filter loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * The tasks of all loaded pages, each once: a task that moved between two page reads (a change
 * before the refetch its event causes) would otherwise be listed twice.
 */
export function listedTasks(pages: TaskPages | undefined): Task[] {
  const seen = new Set<Id>();
  const tasks: Task[] = [];
  for (const page of pages?.pages ?? []) {
    for (const task of page.tasks) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      tasks.push(task);
    }
  }
  return tasks;
}

function findListedTask(queryClient: QueryClient, id: Id): Task | undefined {
  for (const [, pages] of queryClient.getQueriesData<TaskPages>({ queryKey: queryKeys.taskLists })) {
    for (const page of pages?.pages ?? []) {
      const task = page.tasks.find((listed) => listed.id === id);
      if (task) return task;
    }
  }
  return undefined;
}

/** Replaces the task `id` in every cached list by `change(task)`. */
export function updateListedTask(queryClient: QueryClient, id: Id, change: (task: Task) => Task): void {
  queryClient.setQueriesData<TaskPages>({ queryKey: queryKeys.taskLists }, (data) =>
    data === undefined
      ? data
      : {
          ...data,
          pages: data.pages.map((page) =>
            page.tasks.some((task) => task.id === id)
              ? { ...page, tasks: page.tasks.map((task) => (task.id === id ? change(task) : task)) }
              : page,
          ),
        },
  );
}

/** The assignees of the tasks in every list loaded so far, one spelling each, sorted. */
function listedAssignees(queryClient: QueryClient): string[] {
  const names = new Map<string, string>();
  for (const [, pages] of queryClient.getQueriesData<TaskPages>({ queryKey: queryKeys.taskLists })) {
    for (const page of pages?.pages ?? []) {
      for (const { assignee } of page.tasks) {
        if (assignee === null) continue;
        const key = assignee.toLowerCase();
        if (!names.has(key)) names.set(key, assignee);
      }
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Names to suggest for an assignee: those of the tasks already loaded in the lists (no backend
 * call of its own), kept up to date as the lists change.
 */
export function useListedAssignees(): string[] {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  // Joined into one string (names hold no control characters), so an unchanged set of names is
  // an unchanged snapshot and does not re-render.
  const joined = useSyncExternalStore(subscribe, () => listedAssignees(queryClient).join("\n"));
  return useMemo(() => (joined === "" ? [] : joined.split("\n")), [joined]);
}

/** Tag names to suggest, from the whole database: the most used first. */
export function useTags() {
  return useQuery({
    queryKey: queryKeys.tags,
    queryFn: async () => (await invokeDbGetTags({ limit: 200 })).map((tag) => tag.name),
  });
}

export function useTask(id: Id) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.task(id),
    queryFn: () => invokeDbGetTask(id),
    // Show the row's data at once while the task itself loads.
    placeholderData: () => findListedTask(queryClient, id),
    // The panel says so itself when its task disappears (e.g. deleted in another window).
    meta: { quietErrors: true },
  });
}

// Mutations put their reply in the cache and leave refetching to their change event (refresh.ts).

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbCreateTask,
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.task(task.id), task);
      return refreshAfterOwnChange(queryClient, "tasks", { kind: "created", ids: [task.id] });
    },
  });
}

function applyPatch(task: Task, patch: TaskPatch): Task {
  const { expectedVersion: _sentVersion, ...changes } = patch;
  return { ...task, ...changes };
}

/** Saves a patch, showing it at once in every cached list and rolling back if it fails. */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: Id; patch: TaskPatch }) => invokeDbUpdateTask(id, patch),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.tasks });
      const snapshot = queryClient.getQueriesData<TaskPages | Task>({ queryKey: queryKeys.tasks });
      updateListedTask(queryClient, id, (task) => applyPatch(task, patch));
      queryClient.setQueryData<Task>(queryKeys.task(id), (task) => task && applyPatch(task, patch));
      return { snapshot };
    },
    onError: (error, { id }, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      // Refused because this window's copy is out of date (changed or deleted by a writer whose
      // change event did not reach us): no event will follow a failed write, so refresh here.
      if (error instanceof IpcError && (error.code === "CONFLICT" || error.code === "NOT_FOUND")) {
        void refreshAfterTasksChanged(queryClient, { kind: "updated", ids: [id] });
      }
    },
    onSuccess: (task) => {
      // The saved task (new version, timestamps) replaces the guess until the refetch lands, so
      // a second edit from its row names the right version.
      queryClient.setQueryData(queryKeys.task(task.id), task);
      updateListedTask(queryClient, task.id, () => task);
      return refreshAfterOwnChange(queryClient, "tasks", { kind: "updated", ids: [task.id] });
    },
  });
}

export function useDeleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbDeleteTask,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.task(id) });
      return refreshAfterOwnChange(queryClient, "tasks", { kind: "deleted", ids: [id] });
    },
  });
}
