import type { QueryClient } from "@tanstack/react-query";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import { queryKeys } from "./queryKeys";

/**
 * What a change makes stale, refetched once per change.
 *
 * The backend announces every successful mutation to every window, the one that made it
 * included (`tasks:changed`, `projects:changed`). That event is the one trigger for refetching:
 * a mutation here only puts its own reply into the cache (and, for an edit, shows it at once),
 * and leaves the refetch to its event. Invalidating in the mutation's `onSettled` as well would
 * refetch every list twice, the second invalidation cancelling the first fetch in flight.
 * Only while this window cannot hear the events (subscribing failed, see useLiveUpdates) does a
 * mutation refresh what it changed itself, through `refreshAfterOwnChange`.
 */
export type Topic = "tasks" | "projects";

/**
 * A task change: every list (any may gain, lose or reorder the task), the changed tasks'
 * details, tag suggestions (their counts) and projects (their task counts).
 */
export function refreshAfterTasksChanged(queryClient: QueryClient, change: ChangeEvent): Promise<unknown> {
  // Each query invalidated once: a second invalidation would cancel the refetch of the first.
  const tasks =
    change.ids.length === 0
      ? [queryClient.invalidateQueries({ queryKey: queryKeys.tasks })]
      : [
          queryClient.invalidateQueries({ queryKey: queryKeys.taskLists }),
          ...change.ids.map((id) => queryClient.invalidateQueries({ queryKey: queryKeys.task(id) })),
        ];
  return Promise.all([
    ...tasks,
    queryClient.invalidateQueries({ queryKey: queryKeys.tags }),
    queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  ]);
}

/**
 * A project change: the projects; a deleted project also leaves its tasks (they lose its chip,
 * and the project's view its rows).
 */
export function refreshAfterProjectsChanged(queryClient: QueryClient, change: ChangeEvent): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
    change.kind === "deleted" ? queryClient.invalidateQueries({ queryKey: queryKeys.tasks }) : null,
  ]);
}

const REFRESH: Record<Topic, (queryClient: QueryClient, change: ChangeEvent) => Promise<unknown>> = {
  tasks: refreshAfterTasksChanged,
  projects: refreshAfterProjectsChanged,
};

// Which topics' change events each app (QueryClient) currently hears.
const listening = new WeakMap<QueryClient, Set<Topic>>();

/** Records whether this app hears `topic`'s change events (set by useLiveUpdates). */
export function setListening(queryClient: QueryClient, topic: Topic, on: boolean): void {
  const topics = listening.get(queryClient) ?? new Set<Topic>();
  if (on) topics.add(topic);
  else topics.delete(topic);
  listening.set(queryClient, topics);
}

/**
 * After a mutation of this window succeeded: nothing to do when its change event will arrive
 * (it refetches), else the same refresh the event would have caused.
 */
export function refreshAfterOwnChange(
  queryClient: QueryClient,
  topic: Topic,
  change: ChangeEvent,
): Promise<unknown> {
  if (listening.get(queryClient)?.has(topic)) return Promise.resolve();
  return REFRESH[topic](queryClient, change);
}
