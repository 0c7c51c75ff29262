import { useSortable } from "@dnd-kit/sortable";
import type { ReactNode, Ref } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { DragHandle } from "./dnd";
import { StatusButton } from "./StatusButton";
import { TaskBadges, TaskTitleButton } from "./TaskParts";

export const ROW_HEIGHT = 36;

type TaskRowProps = {
  task: Task;
  index: number;
  setSize: number;
  top: number;
  selected: boolean;
  /** The one row whose title button is in the tab order. */
  tabbable: boolean;
  /** Projects to show as chips (the current project view's own is left out). */
  projects: Project[];
  onOpen: (id: Id) => void;
  onSetStatus: (task: Task, status: TaskStatus) => void;
};

type DragProps = {
  handle: ReactNode;
  rowRef: Ref<HTMLLIElement>;
  /** How far the row is shifted while a row is dragged over it (or the dragged row itself). */
  shift: number;
  transition: string | undefined;
  dragging: boolean;
};

export function TaskRow(props: TaskRowProps & { drag?: DragProps }) {
  const { task, index, setSize, top, selected, tabbable, projects, onOpen, onSetStatus, drag } = props;
  const done = task.status === "done";
  const className = [
    "task-row",
    selected && "task-row--selected",
    done && "task-row--done",
    drag?.dragging && "task-row--dragging",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <li
      ref={drag?.rowRef}
      className={className}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-current={selected || undefined}
      // `top`, not a transform: dnd-kit measures rows without their transforms.
      style={{
        top,
        height: ROW_HEIGHT,
        transform: drag?.shift ? `translateY(${drag.shift}px)` : undefined,
        transition: drag?.transition,
      }}
    >
      {drag?.handle}
      <StatusButton
        status={task.status}
        taskTitle={task.title}
        onChange={(status) => onSetStatus(task, status)}
      />
      <TaskTitleButton className="task-row__title" task={task} tabbable={tabbable} onOpen={onOpen} />
      <TaskBadges className="task-row__meta" task={task} projects={projects} />
    </li>
  );
}

/** A row of a list in manual order: moved by its handle (pointer or keyboard), along the list only. */
export function SortableTaskRow(props: TaskRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.task.id,
  });
  const handle = (
    <DragHandle
      title={props.task.title}
      attributes={attributes}
      listeners={listeners}
      activatorRef={setActivatorNodeRef}
      tabbable={props.tabbable}
    />
  );
  return (
    <TaskRow
      {...props}
      drag={{ handle, rowRef: setNodeRef, shift: transform?.y ?? 0, transition, dragging: isDragging }}
    />
  );
}
