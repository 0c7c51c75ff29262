import { closestCenter, DndContext, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { DRAG_CANCELLED, DRAG_INSTRUCTIONS, placeWords, useTaskDragSensors } from "./dnd";
import { anchorsAt, type Anchors } from "./order";
import { chipProjects } from "./TaskParts";
import { ROW_HEIGHT, SortableTaskRow, TaskRow } from "./TaskRow";
import { statusForKey } from "./taskMeta";

/** How close to the last loaded row the list may scroll before the next page is asked for. */
export const NEAR_END_ROWS = 50;

type TaskListProps = {
  /** The rows loaded so far. */
  tasks: Task[];
  /** How many tasks the whole list has, loaded or not. */
  total: number;
  /** More rows can be loaded: a loading row follows the last one. */
  hasMore: boolean;
  /** Loading more rows failed: the loading row offers to try again. */
  loadMoreFailed: boolean;
  /** Called while the rows in sight are near the end of those loaded (and again as they move). */
  onNearEnd: () => void;
  /**
   * Called once the list holds tasks. Not when rows are in the DOM: a hidden window may never
   * lay out, the virtualizer renders no row before it has measured, and the window is shown
   * only after this call (ui:ready), so waiting for rows would wait for the 5 s deadline.
   */
  onRowsShown: () => void;
  projectsById: ReadonlyMap<Id, Project>;
  /** Left out of the rows' project chips: the project whose view this is. */
  currentProjectId: Id | null;
  selectedTaskId: Id | null;
  onOpen: (id: Id) => void;
  onSetStatus: (task: Task, status: TaskStatus) => void;
  /** Rows can be moved (by their handles): the list is in manual order. */
  reorderable: boolean;
  /** A row was dropped in a new place, between these tasks. */
  onReorder: (task: Task, anchors: Anchors) => void;
};

/**
 * The tasks of the current view, virtualized: only the rows in sight (plus a margin) exist in
 * the DOM, and the rows are loaded a page at a time as the end comes near. One row is in the tab
 * order; arrows (or J/K) move between rows.
 */
export function TaskList(props: TaskListProps) {
  const { tasks, total, hasMore, loadMoreFailed, onNearEnd, onRowsShown } = props;
  const { projectsById, currentProjectId, selectedTaskId, onOpen, onSetStatus, reorderable, onReorder } = props;
  const hintId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler, and a compiler would rightly skip this component
  const virtualizer = useVirtualizer({
    count: tasks.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => tasks[index]?.id ?? "more",
  });

  const lastRendered = virtualizer.getVirtualItems().at(-1)?.index ?? -1;
  const hasTasks = tasks.length > 0;
  useEffect(() => {
    if (hasTasks) onRowsShown();
  }, [hasTasks, onRowsShown]);
  useEffect(() => {
    if (hasMore && !loadMoreFailed && lastRendered >= tasks.length - NEAR_END_ROWS) onNearEnd();
  }, [hasMore, loadMoreFailed, lastRendered, tasks.length, onNearEnd]);

  const selectedIndex = selectedTaskId ? tasks.findIndex((task) => task.id === selectedTaskId) : -1;
  const tabIndexRow = Math.min(selectedIndex >= 0 ? selectedIndex : activeIndex, tasks.length - 1);

  // A row scrolled into view by the keyboard only exists after the virtualizer re-renders.
  function focusPendingRow(): void {
    const index = pendingFocus.current;
    if (index === null) return;
    const button = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${index}"] .task-row__title`,
    );
    if (button) {
      pendingFocus.current = null;
      button.focus();
    }
  }
  useLayoutEffect(focusPendingRow);

  function moveTo(index: number): void {
    if (index < 0 || index >= tasks.length) return;
    setActiveIndex(index);
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index);
    focusPendingRow();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // A handle's keys move its task (dnd-kit's keyboard sensor), not the focus.
    if ((event.target as HTMLElement).closest(".drag-handle")) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    const index = Number(row?.dataset.index);
    const task = tasks[index];
    if (!task) return;
    const key = event.key.toLowerCase();
    const status = key === "x" ? (task.status === "done" ? "todo" : "done") : statusForKey(key);
    if (key === "arrowdown" || key === "j") moveTo(index + 1);
    else if (key === "arrowup" || key === "k") moveTo(index - 1);
    else if (key === "home") moveTo(0);
    else if (key === "end") moveTo(tasks.length - 1);
    else if (status) onSetStatus(task, status);
    else return;
    event.preventDefault();
  }

  function onFocus(event: FocusEvent<HTMLUListElement>): void {
    const row = event.target.closest<HTMLElement>("[data-index]");
    if (row) setActiveIndex(Number(row.dataset.index));
  }

  const rows = (
    <ul
      className="task-list__rows"
      aria-label="Tasks"
      aria-describedby={hintId}
      style={{ height: virtualizer.getTotalSize() }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const task = tasks[item.index];
        if (!task) {
          return (
            <MoreRow key={item.key} top={item.start} failed={loadMoreFailed} onRetry={onNearEnd} />
          );
        }
        const Row = reorderable ? SortableTaskRow : TaskRow;
        return (
          <Row
            key={item.key}
            task={task}
            index={item.index}
            setSize={Math.max(total, tasks.length)}
            top={item.start}
            selected={task.id === selectedTaskId}
            tabbable={item.index === tabIndexRow}
            projects={chipProjects(task, projectsById, currentProjectId)}
            onOpen={onOpen}
            onSetStatus={onSetStatus}
          />
        );
      })}
    </ul>
  );

  return (
    <div ref={scrollRef} className="task-list">
      {reorderable ? (
        <ReorderableRows tasks={tasks} onReorder={onReorder}>
          {rows}
        </ReorderableRows>
      ) : (
        rows
      )}
      <p id={hintId} hidden>
        Up and down arrows move between tasks, Enter opens one, keys 1 to 5 set its status and X
        marks it done.{reorderable && " Space on a task's handle picks it up to move it."}
      </p>
    </div>
  );
}

/** The row after the last one loaded: the next page is on its way, or failed to come. */
function MoreRow({ top, failed, onRetry }: { top: number; failed: boolean; onRetry: () => void }) {
  return (
    <li
      className="task-row task-row--more"
      aria-hidden={failed ? undefined : true}
      style={{ top, height: ROW_HEIGHT }}
    >
      {failed ? (
        <>
          More tasks could not be loaded.
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : (
        "Loading more tasks…"
      )}
    </li>
  );
}

/** Where a row dropped on `overId` goes: the list's ids after the move, and its index there. */
function dropPlace(ids: Id[], activeId: Id, overId: Id): { ids: Id[]; index: number } | null {
  const from = ids.indexOf(activeId);
  const to = ids.indexOf(overId);
  if (from < 0 || to < 0) return null;
  return { ids: arrayMove(ids, from, to), index: to };
}

/** The list's rows as one sortable list: a row dropped elsewhere asks `onReorder` to move its task. */
function ReorderableRows(props: {
  tasks: Task[];
  onReorder: (task: Task, anchors: Anchors) => void;
  children: ReactNode;
}) {
  const { tasks, onReorder, children } = props;
  const sensors = useTaskDragSensors(sortableKeyboardCoordinates);
  const ids = useMemo(() => tasks.map((task) => task.id), [tasks]);
  const announcements = useMemo((): Announcements => {
    const titleOf = (id: unknown) => tasks.find((task) => task.id === id)?.title ?? "the task";
    const where = (activeId: Id, overId: Id | undefined) => {
      const place = overId === undefined ? null : dropPlace(ids, activeId, overId);
      return place && placeWords(place.ids, place.index, titleOf);
    };
    return {
      onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}.`,
      onDragOver: ({ active, over }) => {
        const place = where(String(active.id), over ? String(over.id) : undefined);
        return place ? `${titleOf(active.id)} is now ${place}.` : `${titleOf(active.id)} is not over the list.`;
      },
      onDragEnd: ({ active, over }) => {
        const place = over && over.id !== active.id ? where(String(active.id), String(over.id)) : null;
        return place ? `${titleOf(active.id)} was moved ${place}.` : `${titleOf(active.id)} was dropped in its place.`;
      },
      onDragCancel: () => DRAG_CANCELLED,
    };
  }, [tasks, ids]);

  function onDragEnd({ active, over }: DragEndEvent) {
    const task = tasks.find((listed) => listed.id === active.id);
    if (!task || !over || over.id === active.id) return;
    const place = dropPlace(ids, task.id, String(over.id));
    if (place) onReorder(task, anchorsAt(place.ids, place.index));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={{ announcements, screenReaderInstructions: DRAG_INSTRUCTIONS }}
      onDragEnd={onDragEnd}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}
