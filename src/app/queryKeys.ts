import type { Id } from "../bindings/Id";
import type { TaskFilter } from "../bindings/TaskFilter";

/** Every TanStack Query key in the app; change events invalidate by these prefixes. */
export const queryKeys = {
  tasks: ["tasks"] as const,
  /** The pages of one task list (an infinite query), per filter and page size (a board column
   * reads smaller pages than the list). */
  taskLists: ["tasks", "list"] as const,
  taskList: (filter: TaskFilter, pageSize?: number) => ["tasks", "list", filter, pageSize ?? null] as const,
  task: (id: Id) => ["tasks", "detail", id] as const,
  /** Tag suggestions: they follow task changes, so they are invalidated with tasks. */
  tags: ["tags"] as const,
  projects: ["projects"] as const,
  settings: ["settings"] as const,
  appStatus: ["appStatus"] as const,
  /** The automatic backups of the database file (Settings → Data). */
  backups: ["backups"] as const,
};
