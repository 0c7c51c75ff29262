import type { TaskFilter } from "../../bindings/TaskFilter";
import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskSort } from "../../bindings/TaskSort";
import type { TaskStatus } from "../../bindings/TaskStatus";
import type { View } from "../../app/view";
import { PRIORITY_LABELS, STATUS_LABELS } from "./taskMeta";

/** What the filters bar holds; within a list any value matches, across lists all must. */
export type Filters = {
  statuses: TaskStatus[];
  priorities: TaskPriority[];
  tags: string[];
  search: string;
  /** Whom the tasks are assigned to, as typed (any case). */
  assignee: string;
};

export const NO_FILTERS: Filters = { statuses: [], priorities: [], tags: [], search: "", assignee: "" };

/** How the list is ordered, and whether done tasks are in it. */
export type ListOptions = { sort: TaskSort; descending: boolean; showDone: boolean };

export const DEFAULT_LIST_OPTIONS: ListOptions = { sort: "manual", descending: false, showDone: false };

/** The sort menu's choices, each a sort and a direction, in the user's words. */
export const SORT_CHOICES = [
  { value: "manual", label: "Manual order", sort: "manual", descending: false },
  { value: "due", label: "Due date, soonest first", sort: "due", descending: false },
  { value: "due-desc", label: "Due date, latest first", sort: "due", descending: true },
  { value: "priority-desc", label: "Priority, most urgent first", sort: "priority", descending: true },
  { value: "created-desc", label: "Newest first", sort: "created", descending: true },
  { value: "created", label: "Oldest first", sort: "created", descending: false },
  { value: "updated-desc", label: "Recently changed first", sort: "updated", descending: true },
  { value: "title", label: "Title, A to Z", sort: "title", descending: false },
  { value: "title-desc", label: "Title, Z to A", sort: "title", descending: true },
] as const satisfies readonly { value: string; label: string; sort: TaskSort; descending: boolean }[];

/**
 * The TaskFilter the backend gets: the view, every active filter and the list options, nothing
 * empty or default. Done tasks stay in the database unless asked for (or filtered by status).
 */
export function toTaskFilter(view: View, filters: Filters, options: ListOptions = DEFAULT_LIST_OPTIONS): TaskFilter {
  const filter: TaskFilter = {};
  if (options.showDone) filter.includeDone = true;
  if (options.sort !== "manual") filter.sort = options.sort;
  if (options.descending) filter.descending = true;
  if (view.kind === "inbox") filter.inbox = true;
  if (view.kind === "project") filter.projectIds = [view.projectId];
  if (filters.statuses.length > 0) filter.statuses = filters.statuses;
  if (filters.priorities.length > 0) filter.priorities = filters.priorities;
  if (filters.tags.length > 0) filter.tags = filters.tags;
  const search = filters.search.trim();
  if (search !== "") filter.search = search;
  const assignee = filters.assignee.trim();
  if (assignee !== "") filter.assignee = assignee;
  return filter;
}

export type FilterChip = { key: string; label: string; without: Filters };

/** One chip per active filter value, each with the filters that removing it leaves. */
export function filterChips(filters: Filters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const status of filters.statuses) {
    const statuses = filters.statuses.filter((s) => s !== status);
    chips.push({
      key: `status:${status}`,
      label: `Status: ${STATUS_LABELS[status]}`,
      without: { ...filters, statuses },
    });
  }
  for (const priority of filters.priorities) {
    const priorities = filters.priorities.filter((p) => p !== priority);
    chips.push({
      key: `priority:${priority}`,
      label: `Priority: ${PRIORITY_LABELS[priority]}`,
      without: { ...filters, priorities },
    });
  }
  for (const tag of filters.tags) {
    const tags = filters.tags.filter((t) => t !== tag);
    chips.push({ key: `tag:${tag}`, label: `Tag: ${tag}`, without: { ...filters, tags } });
  }
  if (filters.search.trim() !== "") {
    chips.push({
      key: "search",
      label: `Search: “${filters.search.trim()}”`,
      without: { ...filters, search: "" },
    });
  }
  if (filters.assignee.trim() !== "") {
    chips.push({
      key: "assignee",
      label: `Assigned to: ${filters.assignee.trim()}`,
      without: { ...filters, assignee: "" },
    });
  }
  return chips;
}

/**
 * A board column's TaskFilter: the view and its filters, one status, in manual order. Done is
 * newest first instead (by `updated`, descending): it grows without end, and what was finished
 * lately is what one looks for there (see board.ts, `DONE`).
 */
export function boardColumnFilter(view: View, filters: Filters, status: TaskStatus): TaskFilter {
  const filter: TaskFilter = { ...toTaskFilter(view, filters), statuses: [status], sort: "manual" };
  if (status === "done") Object.assign(filter, { includeDone: true, sort: "updated", descending: true });
  return filter;
}
