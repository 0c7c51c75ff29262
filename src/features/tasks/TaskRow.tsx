import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { ProjectChip } from "../projects/ProjectChip";
import { formatDue, isOverdue } from "./dates";
import { StatusButton } from "./StatusButton";
import { PRIORITY_LABELS } from "./taskMeta";

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

export function TaskRow(props: TaskRowProps) {
  const { task, index, setSize, top, selected, tabbable, projects, onOpen, onSetStatus } = props;
  const done = task.status === "done";
  const overdue = task.dueAt !== null && !done && isOverdue(task.dueAt);
  const className = ["task-row", selected && "task-row--selected", done && "task-row--done"]
    .filter(Boolean)
    .join(" ");
  return (
    <li
      className={className}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-current={selected || undefined}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <StatusButton
        status={task.status}
        taskTitle={task.title}
        onChange={(status) => onSetStatus(task, status)}
      />
      <button
        type="button"
        className="task-row__title"
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onOpen(task.id)}
      >
        {task.title}
      </button>
      <span className="task-row__meta">
        {task.tags.map((tag) => (
          <span key={tag} className="tag">
            #{tag}
          </span>
        ))}
        {projects.map((project) => (
          <ProjectChip key={project.id} project={project} />
        ))}
        {task.assignee !== null && (
          <span className="assignee">
            <span className="visually-hidden">Assigned to </span>
            <span aria-hidden="true">@</span>
            {task.assignee}
          </span>
        )}
        {task.priority !== "none" && (
          <span className={`priority priority--${task.priority}`}>
            {PRIORITY_LABELS[task.priority]}
          </span>
        )}
        {task.dueAt && (
          <time className={overdue ? "due due--overdue" : "due"} dateTime={task.dueAt}>
            <span className="visually-hidden">{overdue ? "Overdue, due " : "Due "}</span>
            {formatDue(task.dueAt)}
          </time>
        )}
      </span>
    </li>
  );
}
