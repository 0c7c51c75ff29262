import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import { IconGrip } from "../../ui/icons";
import { DragHandle } from "./dnd";
import { TaskBadges, TaskTitleButton } from "./TaskParts";

function cardClass(task: Task, ...more: (string | false)[]): string {
  return ["board-card", task.status === "done" && "board-card--done", ...more].filter(Boolean).join(" ");
}

function CardInner({ task, projects, handle, title }: { task: Task; projects: Project[]; handle: ReactNode; title: ReactNode }) {
  return (
    <>
      <div className="board-card__top">
        {handle}
        {title}
      </div>
      <TaskBadges className="board-card__meta" task={task} projects={projects} />
    </>
  );
}

type BoardCardProps = {
  task: Task;
  projects: Project[];
  selected: boolean;
  /** The card of its column whose controls are in the tab order. */
  tabbable: boolean;
  onOpen: (id: Id) => void;
};

/**
 * A task on the board: its title opens it (click or Enter), the whole card can be picked up by
 * a pointer, its handle by the keyboard and by touch.
 */
export function BoardCard({ task, projects, selected, tabbable, onOpen }: BoardCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
  });
  const className = cardClass(task, selected && "board-card--selected", isDragging && "board-card--placeholder");
  return (
    <li
      ref={setNodeRef}
      className={className}
      data-task-id={task.id}
      aria-current={selected || undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...listeners}
    >
      <CardInner
        task={task}
        projects={projects}
        handle={
          <DragHandle
            title={task.title}
            attributes={attributes}
            activatorRef={setActivatorNodeRef}
            tabbable={tabbable}
          />
        }
        title={<TaskTitleButton className="board-card__title" task={task} tabbable={tabbable} onOpen={onOpen} />}
      />
    </li>
  );
}

/** The card that follows the pointer (or the keyboard) while its task is dragged: a picture, not controls. */
export function CardOverlay({ task, projects }: { task: Task; projects: Project[] }) {
  return (
    <div className={cardClass(task, "board-card--overlay")} aria-hidden="true">
      <CardInner
        task={task}
        projects={projects}
        handle={
          <span className="drag-handle">
            <IconGrip />
          </span>
        }
        title={<span className="board-card__title">{task.title}</span>}
      />
    </div>
  );
}
