import type { QueryClient } from "@tanstack/react-query";
import type { Id } from "../bindings/Id";
import type { TaskFilter } from "../bindings/TaskFilter";

/** Every TanStack Query key in the app; change events invalidate by these prefixes. */
export const queryKeys = {
  tasks: ["tasks"] as const,
  taskLists: ["tasks", "list"] as const,
  taskList: (filter: TaskFilter) => ["tasks", "list", filter] as const,
  task: (id: Id) => ["tasks", "detail", id] as const,
  /** Tag suggestions: they follow task changes, so they are invalidated with tasks. */
  tags: ["tags"] as const,
  projects: ["projects"] as const,
  settings: ["settings"] as const,
  appStatus: ["appStatus"] as const,
};

/**
 * Tasks and projects: a task change moves project counts and tag counts, a project change moves
 * task chips.
 */
export function invalidateTasksAndProjects(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
    queryClient.invalidateQueries({ queryKey: queryKeys.tags }),
    queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  ]);
}
