import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import { ProjectChip } from "../projects/ProjectChip";
import { formatDue, isOverdue } from "./dates";
import { PRIORITY_LABELS } from "./taskMeta";

// The parts a list row and a board card share.

/** A task's title as the button that opens it (click, or Enter when focused). */
export function TaskTitleButton(props: { task: Task; className: string; tabbable: boolean; onOpen: (id: Id) => void }) {
  const { task, className, tabbable, onOpen } = props;
  return (
    <button type="button" className={className} tabIndex={tabbable ? 0 : -1} onClick={() => onOpen(task.id)}>
      {task.title}
    </button>
  );
}

/** The projects a task shows as chips: all but the one whose view this is. */
export function chipProjects(task: Task, projectsById: ReadonlyMap<Id, Project>, currentProjectId: Id | null): Project[] {
  return task.projectIds.filter((id) => id !== currentProjectId).flatMap((id) => projectsById.get(id) ?? []);
}

/** What a row or a card shows of a task besides its title: tags, projects, assignee, priority, due date. */
export function TaskBadges({ task, projects, className }: { task: Task; projects: Project[]; className: string }) {
  const overdue = task.dueAt !== null && task.status !== "done" && isOverdue(task.dueAt);
  return (
    <span className={className}>
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
        <span className={`priority priority--${task.priority}`}>{PRIORITY_LABELS[task.priority]}</span>
      )}
      {task.dueAt && (
        <time className={overdue ? "due due--overdue" : "due"} dateTime={task.dueAt}>
          <span className="visually-hidden">{overdue ? "Overdue, due " : "Due "}</span>
          {formatDue(task.dueAt)}
        </time>
      )}
    </span>
  );
}
