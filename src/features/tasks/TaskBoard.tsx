import {
  DndContext,
  DragOverlay,
  MeasuringStrategy,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Id } from "../../bindings/Id";
import type { MoveTo } from "../../bindings/MoveTo";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { queryKeys } from "../../app/queryKeys";
import type { View } from "../../app/view";
import { listedTasks, useTaskPages } from "./api";
import {
  boardCollisions,
  boardKeyboardCoordinates,
  DONE,
  dropPlace,
  enterColumn,
  isSamePlace,
  type BoardDrag,
  type Columns,
  type DropPlace,
} from "./board";
import { BoardColumn, type ColumnPages } from "./BoardColumn";
import { CardOverlay } from "./BoardCard";
import { DRAG_CANCELLED, DRAG_INSTRUCTIONS, placeWords, useTaskDragSensors } from "./dnd";
import { boardColumnFilter, type Filters } from "./filters";
import { anchorsAt, movedTask, useMoveTask, type TaskMove } from "./order";
import { chipProjects } from "./TaskParts";
import { STATUS_LABELS, STATUSES } from "./taskMeta";
import "./board.css";

/** Cards a column reads at a time: more come on "Show more" or when it is scrolled to its end. */
export const BOARD_PAGE = 50;

type TaskBoardProps = {
  view: View;
  filters: Filters;
  projectsById: ReadonlyMap<Id, Project>;
  selectedTaskId: Id | null;
  onOpen: (id: Id) => void;
  /** Called once every column's first page (or its error) is in. */
  onShown: () => void;
};

function useColumn(view: View, filters: Filters, status: TaskStatus, shown: boolean): ColumnPages {
  const filter = useMemo(() => boardColumnFilter(view, filters, status), [view, filters, status]);
  const query = useTaskPages(filter, { pageSize: BOARD_PAGE, enabled: shown });
  return { query, key: queryKeys.taskList(filter, BOARD_PAGE), tasks: useMemo(() => listedTasks(query.data), [query.data]) };
}

function byStatus<T>(make: (status: TaskStatus) => T): Record<TaskStatus, T> {
  return Object.fromEntries(STATUSES.map((status) => [status, make(status)])) as Record<TaskStatus, T>;
}

/**
 * The board: a column per status (those the status filter names, else all five), each its own
 * paged query in manual order (done: newest first). Cards are dragged within and across columns
 * (dnd.tsx says how, board.ts where they land); a drop moves the task through `db_move_task`.
 */
export function TaskBoard({ view, filters, projectsById, selectedTaskId, onOpen, onShown }: TaskBoardProps) {
  const shown = STATUSES.filter((status) => filters.statuses.length === 0 || filters.statuses.includes(status));
  // One query per status, in a fixed order (hooks cannot loop); a column filtered out reads nothing.
  const columns: Record<TaskStatus, ColumnPages> = {
    backlog: useColumn(view, filters, "backlog", shown.includes("backlog")),
    todo: useColumn(view, filters, "todo", shown.includes("todo")),
    in_progress: useColumn(view, filters, "in_progress", shown.includes("in_progress")),
    blocked: useColumn(view, filters, "blocked", shown.includes("blocked")),
    done: useColumn(view, filters, "done", shown.includes("done")),
  };
  const moveTask = useMoveTask();
  const sensors = useTaskDragSensors(boardKeyboardCoordinates);
  const [drag, setDrag] = useState<BoardDrag | null>(null);
  // The drag as the handlers last left it: dnd-kit calls them (and the announcements) in one
  // go, before React renders the state.
  const dragRef = useRef<BoardDrag | null>(null);
  const dropAnnouncement = useRef(DRAG_CANCELLED);
  // dnd-kit reports the card over its own place right after picking it up: that is no news.
  const movedAway = useRef(false);
  const update = (next: BoardDrag | null) => {
    dragRef.current = next;
    setDrag(next);
  };

  const allShown = shown.every((status) => !columns[status].query.isPending);
  useEffect(() => {
    if (allShown) onShown();
  }, [allShown, onShown]);

  const tasksById = new Map<Id, Task>();
  for (const status of STATUSES) for (const task of columns[status].tasks) tasksById.set(task.id, task);
  const titleOf = (id: Id) => tasksById.get(id)?.title ?? dragRef.current?.task.title ?? "the task";

  /** "into In progress before Buy milk" (`in` while still dragging), "after Pay rent", "into Done". */
  function describe(current: BoardDrag, place: DropPlace, preposition: "in" | "into"): string {
    const into = place.status === current.from ? "" : `${preposition} ${STATUS_LABELS[place.status]}`;
    const next = place.status === DONE && current.from !== DONE ? "" : placeWords(place.ids, place.index, titleOf);
    return [into, next].filter(Boolean).join(" ");
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(String(active.id))}.`,
    onDragOver: ({ active, over }) => {
      const current = dragRef.current;
      const place = current && over ? dropPlace(current, over.id) : null;
      const title = titleOf(String(active.id));
      if (!current || !place) return `${title} is not over a column.`;
      if (!isSamePlace(current, place)) {
        movedAway.current = true;
        return `${title} is now ${describe(current, place, "in")}.`;
      }
      return movedAway.current ? `${title} is back in its place.` : undefined;
    },
    onDragEnd: () => dropAnnouncement.current,
    onDragCancel: () => DRAG_CANCELLED,
  };

  function onDragStart({ active }: DragStartEvent) {
    const id = String(active.id);
    const from = STATUSES.find((status) => columns[status].tasks.some((task) => task.id === id));
    const task = tasksById.get(id);
    if (!from || !task) return;
    const ids: Columns = byStatus((status) => columns[status].tasks.map((listed) => listed.id));
    movedAway.current = false;
    update({ task, from, initial: ids[from], columns: ids });
  }

  function onDragOver({ active, over }: DragOverEvent) {
    const current = dragRef.current;
    if (!current || !over) return;
    const translated = active.rect.current.translated;
    const next = enterColumn(current.columns, current.task.id, over.id, () =>
      translated ? translated.top > over.rect.top + over.rect.height : false,
    );
    if (next) update({ ...current, columns: next });
  }

  function onDragEnd({ over }: DragEndEvent) {
    const current = dragRef.current;
    update(null);
    const place = current && over ? dropPlace(current, over.id) : null;
    if (!current || !place) {
      dropAnnouncement.current = DRAG_CANCELLED;
      return;
    }
    const title = current.task.title;
    if (isSamePlace(current, place)) {
      dropAnnouncement.current = `${title} was dropped in its place.`;
      return;
    }
    dropAnnouncement.current = `${title} was moved ${describe(current, place, "into")}.`;
    moveTask(plannedMove(current, place, columns));
  }

  const currentProjectId = view.kind === "project" ? view.projectId : null;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={boardCollisions}
      measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
      accessibility={{ announcements, screenReaderInstructions: DRAG_INSTRUCTIONS }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => update(null)}
    >
      <div className="board">
        {shown.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            pages={columns[status]}
            tasks={
              drag
                ? drag.columns[status].flatMap((id) => (id === drag.task.id ? [drag.task] : (tasksById.get(id) ?? [])))
                : columns[status].tasks
            }
            projectsById={projectsById}
            currentProjectId={currentProjectId}
            selectedTaskId={selectedTaskId}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {drag && <CardOverlay task={drag.task} projects={chipProjects(drag.task, projectsById, currentProjectId)} />}
      </DragOverlay>
    </DndContext>
  );
}

/** The move a drop asks for, and where it shows the task at once: out of the column it left, into its place. */
function plannedMove(drag: BoardDrag, place: DropPlace, columns: Record<TaskStatus, ColumnPages>): TaskMove {
  const changed = place.status !== drag.from;
  const anchors = place.status === DONE ? {} : anchorsAt(place.ids, place.index);
  const to: MoveTo = changed ? { ...anchors, status: place.status } : anchors;
  return {
    task: movedTask(drag.task, to.status),
    to,
    lists: [
      { key: columns[drag.from].key, placement: changed ? "out" : anchors },
      ...(changed ? [{ key: columns[place.status].key, placement: place.status === DONE ? ("first" as const) : anchors }] : []),
    ],
  };
}
