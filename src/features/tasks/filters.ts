import type { TaskFilter } from "../../bindings/TaskFilter";
import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskStatus } from "../../bindings/TaskStatus";
import type { View } from "../../app/view";
import { PRIORITY_LABELS, STATUS_LABELS } from "./taskMeta";

/** What the filters bar holds; within a list any value matches, across lists all must. */
export type Filters = {
  statuses: TaskStatus[];
  priorities: TaskPriority[];
  tags: string[];
  search: string;
};

export const NO_FILTERS: Filters = { statuses: [], priorities: [], tags: [], search: "" };

/** The TaskFilter the backend gets: the view plus every active filter, nothing empty. */
export function toTaskFilter(view: View, filters: Filters): TaskFilter {
  const filter: TaskFilter = {};
  if (view.kind === "inbox") filter.inbox = true;
  if (view.kind === "project") filter.projectIds = [view.projectId];
  if (filters.statuses.length > 0) filter.statuses = filters.statuses;
  if (filters.priorities.length > 0) filter.priorities = filters.priorities;
  if (filters.tags.length > 0) filter.tags = filters.tags;
  const search = filters.search.trim();
  if (search !== "") filter.search = search;
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
  return chips;
}
