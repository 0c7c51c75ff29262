import { useDndContext, useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy, type SortingStrategy } from "@dnd-kit/sortable";
import type { QueryKey } from "@tanstack/react-query";
import { useState, type FocusEvent, type KeyboardEvent, type UIEvent } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import type { useTaskPages } from "./api";
import { columnId, DONE } from "./board";
import { BoardCard } from "./BoardCard";
import { chipProjects } from "./TaskParts";
import { STATUS_LABELS } from "./taskMeta";

/** How close to its end (in px) a column may be scrolled before its next page is read. */
const NEAR_END_PX = 300;

/** One column's query, its cache key, and the tasks of its loaded pages. */
export type ColumnPages = { query: ReturnType<typeof useTaskPages>; key: QueryKey; tasks: Task[] };

// Done is newest first, not in manual order: its cards make no room for one dragged among them.
const keepInPlace: SortingStrategy = () => null;

type BoardColumnProps = {
  status: TaskStatus;
  pages: ColumnPages;
  /** The cards to show: the loaded ones, or those a drag in progress leaves here. */
  tasks: Task[];
  projectsById: ReadonlyMap<Id, Project>;
  currentProjectId: Id | null;
  selectedTaskId: Id | null;
  onOpen: (id: Id) => void;
};

/**
 * A status's column: its title and count, its cards, and "Show more" while pages remain. One
 * card is in the tab order (the last one focused, else the first); Up, Down, Home and End move
 * the focus between cards, to the same control (title or handle).
 */
export function BoardColumn(props: BoardColumnProps) {
  const { status, pages, tasks, projectsById, currentProjectId, selectedTaskId, onOpen } = props;
  const { setNodeRef } = useDroppable({ id: columnId(status) });
  const { active } = useDndContext();
  const [focusedId, setFocusedId] = useState<Id | null>(null);
  const tabbableId = tasks.some((task) => task.id === focusedId) ? focusedId : tasks[0]?.id;
  const { query } = pages;
  const { hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const total = query.data?.pages.at(-1)?.total;
  const label = STATUS_LABELS[status];
  // Never while another read of this column is in flight (see TasksPane's loadMore).
  const loadMore = () => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  };
  const onScroll = (event: UIEvent<HTMLElement>) => {
    const body = event.currentTarget;
    if (body.scrollHeight - body.scrollTop - body.clientHeight < NEAR_END_PX) loadMore();
  };

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // While a card is picked up, the arrows move it (dnd-kit's keyboard sensor).
    if (active || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const cards = [...event.currentTarget.querySelectorAll<HTMLElement>(":scope > .board-card")];
    const card = target.closest<HTMLElement>(".board-card");
    const index = card ? cards.indexOf(card) : -1;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: cards.length - 1 }[event.key];
    const control = target.matches(".drag-handle") ? ".drag-handle" : ".board-card__title";
    const element = index >= 0 && next !== undefined ? cards[next]?.querySelector<HTMLElement>(control) : null;
    if (!element) return;
    event.preventDefault();
    element.focus();
  }

  function onFocus(event: FocusEvent<HTMLUListElement>) {
    const id = event.target.closest<HTMLElement>(".board-card")?.dataset.taskId;
    if (id) setFocusedId(id);
  }

  let message: string | null = null;
  if (tasks.length === 0) {
    if (query.isPending) message = "Loading…";
    else if (query.isError) message = "Tasks could not be loaded.";
    else message = "No tasks";
  }

  return (
    <section ref={setNodeRef} className="board-column" data-status={status} aria-label={label}>
      <h2 className="board-column__title">
        <span>{label}</span>
        <span className="board-column__count">
          {total ?? ""}
          <span className="visually-hidden">{total === 1 ? " task" : " tasks"}</span>
        </span>
      </h2>
      <div className="board-column__body" onScroll={onScroll}>
        <SortableContext
          id={columnId(status)}
          items={tasks.map((task) => task.id)}
          strategy={status === DONE ? keepInPlace : verticalListSortingStrategy}
        >
          <ul className="board-column__cards" aria-label={`${label} tasks`} onKeyDown={onKeyDown} onFocus={onFocus}>
            {tasks.map((task) => (
              <BoardCard
                key={task.id}
                task={task}
                projects={chipProjects(task, projectsById, currentProjectId)}
                selected={task.id === selectedTaskId}
                tabbable={task.id === tabbableId}
                onOpen={onOpen}
              />
            ))}
          </ul>
        </SortableContext>
        {message && <p className="board-column__message">{message}</p>}
        {query.isError && tasks.length === 0 && (
          <button type="button" className="button" onClick={() => void query.refetch()}>
            Try again
          </button>
        )}
        {isFetchNextPageError && <p className="board-column__message">More tasks could not be loaded.</p>}
        {hasNextPage && (
          <button type="button" className="button board-column__more" disabled={isFetchingNextPage} onClick={loadMore}>
            {isFetchingNextPage ? "Loading…" : "Show more"}
          </button>
        )}
      </div>
    </section>
  );
}
