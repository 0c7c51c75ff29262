import { useCallback, useEffect, useMemo, useState, type Ref } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskFilter } from "../../bindings/TaskFilter";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { useReportError } from "../../app/notices";
import { useUiReady } from "../../app/useUiReady";
import type { View } from "../../app/view";
import { useDebouncedValue } from "../../ui/useDebouncedValue";
import { useLongPending } from "../../ui/useLongPending";
import { count } from "../status/format";
import { useAppStatus } from "../status/StatusBar";
import { queryKeys } from "../../app/queryKeys";
import { listedTasks, useListedAssignees, useTags, useTaskPages, useUpdateTask } from "./api";
import { DEFAULT_LIST_OPTIONS, NO_FILTERS, toTaskFilter, type Filters, type ListOptions } from "./filters";
import { FiltersBar } from "./FiltersBar";
import type { Layout } from "./layout";
import { useMoveTask, type Anchors } from "./order";
import { TaskBoard } from "./TaskBoard";
import { TaskList } from "./TaskList";
import "./tasks.css";

const SEARCH_DEBOUNCE_MS = 250;
/** After this long, a list read in flight is worth a word: the backend may be busy. */
export const SLOW_READ_MS = 1_500;

type TasksPaneProps = {
  view: View;
  /** Rows, or a board of columns by status. */
  layout: Layout;
  projects: Project[];
  selectedTaskId: Id | null;
  onOpenTask: (id: Id) => void;
  searchRef: Ref<HTMLInputElement>;
  /** Hears the filter the list is read with whenever it changes (an export can use it). */
  onFilterChange?: (filter: TaskFilter) => void;
};

/** The filters bar and the task list (or board) of the current view. */
export function TasksPane({
  view,
  layout,
  projects,
  selectedTaskId,
  onOpenTask,
  searchRef,
  onFilterChange,
}: TasksPaneProps) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [options, setOptions] = useState<ListOptions>(DEFAULT_LIST_OPTIONS);
  const search = useDebouncedValue(filters.search, SEARCH_DEBOUNCE_MS);
  const assignee = useDebouncedValue(filters.assignee, SEARCH_DEBOUNCE_MS);
  const taskFilter = useMemo(
    () => toTaskFilter(view, { ...filters, search, assignee }, options),
    [view, filters, search, assignee, options],
  );
  useEffect(() => onFilterChange?.(taskFilter), [taskFilter, onFilterChange]);
  const boardFilters = useMemo(() => ({ ...filters, search, assignee }), [filters, search, assignee]);
  const listShown = layout === "list";
  const tasksQuery = useTaskPages(taskFilter, { enabled: listShown });
  const updateTask = useUpdateTask();
  const moveTask = useMoveTask();
  const reportError = useReportError();

  const pages = tasksQuery.data;
  const tasks = useMemo(() => listedTasks(pages), [pages]);
  const total = pages?.pages.at(-1)?.total;
  // The backend leaves done tasks out unless asked; this also hides a task the moment it is
  // marked done here, before the list is fetched again.
  const hideDone = !options.showDone && !filters.statuses.includes("done");
  const visible = useMemo(
    () => (hideDone ? tasks.filter((task) => task.status !== "done") : tasks),
    [tasks, hideDone],
  );
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = tasksQuery;
  // Never while another read of this list is in flight: a next page asked for during a
  // refetch would cancel it, and its cursor would come from the rows being replaced.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  const slowRead = useLongPending(isFetching, SLOW_READ_MS);
  // The window is shown once the list's first rows (TaskList) or its empty or error state are in.
  const uiReady = useUiReady();
  const emptyShown = listShown && !tasksQuery.isPending && visible.length === 0;
  useEffect(() => {
    if (emptyShown) uiReady();
  }, [emptyShown, uiReady]);
  const knownTags = useTags().data ?? [];
  const knownAssignees = useListedAssignees();
  const { data: appStatus } = useAppStatus();
  const projectsById = useMemo(
    () => new Map(projects.map((project) => [project.id, project])),
    [projects],
  );

  function setStatus(task: Task, status: TaskStatus) {
    if (status === task.status) return;
    updateTask.mutate(
      { id: task.id, patch: { expectedVersion: task.version, status } },
      { onError: reportError },
    );
  }

  function reorder(task: Task, anchors: Anchors) {
    moveTask({ task, to: anchors, lists: [{ key: queryKeys.taskList(taskFilter), placement: anchors }] });
  }

  function emptyMessage(): string {
    if (tasksQuery.isPending) return "Loading tasks…";
    if (tasksQuery.isError) return "Tasks could not be loaded.";
    if (
      taskFilter.statuses ||
      taskFilter.priorities ||
      taskFilter.tags ||
      taskFilter.search ||
      taskFilter.assignee
    ) {
      return "No tasks match these filters.";
    }
    if (!options.showDone && view.kind === "project") {
      const project = projectsById.get(view.projectId);
      const hiddenDone = project ? project.taskCount - project.openTaskCount : 0;
      if (hiddenDone > 0) {
        return `All done here: ${hiddenDone} completed ${hiddenDone === 1 ? "task is" : "tasks are"} hidden.`;
      }
    }
    // The status bar's counts tell an empty database from one whose tasks are all done.
    const doneSomewhere = (appStatus?.taskCount ?? 0) > (appStatus?.openTaskCount ?? 0);
    if (!options.showDone && view.kind === "all" && doneSomewhere) {
      return "No open tasks: completed tasks are hidden (Show done tasks). Press N to add one.";
    }
    if (view.kind === "inbox")
      return "The Inbox is empty — press N to add a task without a project.";
    if (view.kind === "project") return "No tasks in this project yet — press N to add one.";
    return "No tasks yet — press N to add one.";
  }

  return (
    <>
      <FiltersBar
        filters={filters}
        onChange={setFilters}
        options={options}
        onOptionsChange={setOptions}
        knownTags={knownTags}
        knownAssignees={knownAssignees}
        searchRef={searchRef}
        layout={layout}
      />
      {listShown ? (
        <>
          <div className="tasks-summary">
            <span className="tasks-summary__total">{total === undefined ? "" : count(total, "task")}</span>
            <span role="status">{slowRead ? "Still loading tasks…" : ""}</span>
          </div>
          {visible.length > 0 ? (
            <TaskList
              // A new view starts at the top.
              key={view.kind === "project" ? view.projectId : view.kind}
              tasks={visible}
              total={total ?? visible.length}
              hasMore={hasNextPage}
              loadMoreFailed={isFetchNextPageError}
              onNearEnd={loadMore}
              onRowsShown={uiReady}
              projectsById={projectsById}
              currentProjectId={view.kind === "project" ? view.projectId : null}
              selectedTaskId={selectedTaskId}
              onOpen={onOpenTask}
              onSetStatus={setStatus}
              reorderable={options.sort === "manual"}
              onReorder={reorder}
            />
          ) : (
            <div className="empty-state">
              <p>{emptyMessage()}</p>
              {tasksQuery.isError && (
                <button type="button" className="button" onClick={() => void tasksQuery.refetch()}>
                  Try again
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        <TaskBoard
          view={view}
          filters={boardFilters}
          projectsById={projectsById}
          selectedTaskId={selectedTaskId}
          onOpen={onOpenTask}
          onShown={uiReady}
        />
      )}
    </>
  );
}
