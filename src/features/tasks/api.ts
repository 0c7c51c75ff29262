import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import type { Id } from "../../bindings/Id";
import type { Task } from "../../bindings/Task";
import type { TaskFilter } from "../../bindings/TaskFilter";
import type { TaskPatch } from "../../bindings/TaskPatch";
import {
  invokeDbCreateTask,
  invokeDbDeleteTask,
  invokeDbGetTags,
  invokeDbGetTask,
  invokeDbGetTasks,
  invokeDbUpdateTask,
} from "../../ipc";
import { invalidateTasksAndProjects, queryKeys } from "../../app/queryKeys";

export function useTasks(filter: TaskFilter) {
  return useQuery({
    queryKey: queryKeys.taskList(filter),
    queryFn: () => invokeDbGetTasks(filter),
    // Keep the old rows on screen while a new filter loads.
    placeholderData: keepPreviousData,
  });
}

function findListedTask(queryClient: QueryClient, id: Id): Task | undefined {
  for (const [, tasks] of queryClient.getQueriesData<Task[]>({ queryKey: queryKeys.taskLists })) {
    const task = tasks?.find((listed) => listed.id === id);
    if (task) return task;
  }
  return undefined;
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

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbCreateTask,
    onSuccess: () => invalidateTasksAndProjects(queryClient),
  });
}

function applyPatch(task: Task, id: Id, patch: TaskPatch): Task {
  if (task.id !== id) return task;
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
      const snapshot = queryClient.getQueriesData<Task[] | Task>({ queryKey: queryKeys.tasks });
      queryClient.setQueriesData<Task[] | Task>({ queryKey: queryKeys.tasks }, (data) => {
        if (data === undefined) return data;
        return Array.isArray(data)
          ? data.map((task) => applyPatch(task, id, patch))
          : applyPatch(data, id, patch);
      });
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (task) => queryClient.setQueryData(queryKeys.task(task.id), task),
    onSettled: () => invalidateTasksAndProjects(queryClient),
  });
}

export function useDeleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbDeleteTask,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.task(id) });
      return invalidateTasksAndProjects(queryClient);
    },
  });
}
