import { useState } from "react";
import type { Project } from "../../bindings/Project";
import { ALL_TASKS, INBOX, projectView, type View } from "../../app/view";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { IconChevron, IconMore, IconPlus } from "../../ui/icons";
import { useDeleteProject } from "./api";
import { ProjectDialog } from "./ProjectDialog";
import { ColorDot } from "./ProjectChip";
import "./projects.css";

type SidebarProps = {
  view: View;
  onSelectView: (view: View) => void;
  projects: Project[];
  /** Open tasks in all projects and none, for "All tasks". */
  openTaskCount: number | undefined;
};

type Dialog =
  { kind: "create" } | { kind: "edit"; project: Project } | { kind: "delete"; project: Project };

function NavButton(props: {
  label: string;
  current: boolean;
  count?: number | undefined;
  color?: string | null;
  onClick: () => void;
}) {
  const { label, current, count, color, onClick } = props;
  return (
    <button
      type="button"
      className="nav-button"
      aria-current={current ? "page" : undefined}
      onClick={onClick}
    >
      {color !== undefined && <ColorDot color={color} />}
      <span className="nav-button__label">{label}</span>
      {count ? (
        <span className="nav-button__count" aria-hidden="true">
          {count.toLocaleString()}
        </span>
      ) : null}
    </button>
  );
}

function keptTasksNote(taskCount: number): string {
  if (taskCount === 0) return "It has no tasks.";
  if (taskCount === 1) return "Its task is kept and only loses this project.";
  return `Its ${taskCount.toLocaleString()} tasks are kept and only lose this project.`;
}

/** Views (All tasks, Inbox), the projects with their open-task counts, and archived projects. */
export function Sidebar({ view, onSelectView, projects, openTaskCount }: SidebarProps) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const deleteProject = useDeleteProject();
  const open = projects.filter((project) => !project.archived);
  const archived = projects.filter((project) => project.archived);
  const close = () => setDialog(null);

  const projectItem = (project: Project) => (
    <li key={project.id} className="nav-item">
      <NavButton
        label={project.name}
        color={project.color}
        count={project.openTaskCount}
        current={view.kind === "project" && view.projectId === project.id}
        onClick={() => onSelectView(projectView(project.id))}
      />
      <button
        type="button"
        className="icon-button nav-item__more"
        aria-label={`Edit project ${project.name}`}
        onClick={() => setDialog({ kind: "edit", project })}
      >
        <IconMore />
      </button>
    </li>
  );

  async function confirmDelete(project: Project) {
    await deleteProject.mutateAsync(project.id);
    if (view.kind === "project" && view.projectId === project.id) onSelectView(ALL_TASKS);
  }

  return (
    <nav className="sidebar" aria-label="Sidebar">
      <div className="sidebar__brand">Tasklane</div>
      <ul className="nav-list">
        <li className="nav-item">
          <NavButton
            label="All tasks"
            count={openTaskCount}
            current={view.kind === "all"}
            onClick={() => onSelectView(ALL_TASKS)}
          />
        </li>
        <li className="nav-item">
          <NavButton
            label="Inbox"
            current={view.kind === "inbox"}
            onClick={() => onSelectView(INBOX)}
          />
        </li>
      </ul>
      <div className="sidebar__heading">
        <h2>Projects</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="New project"
          title="New project"
          onClick={() => setDialog({ kind: "create" })}
        >
          <IconPlus />
        </button>
      </div>
      {open.length > 0 ? (
        <ul className="nav-list">{open.map(projectItem)}</ul>
      ) : (
        <p className="sidebar__empty">No projects yet. Group tasks by creating one.</p>
      )}
      {archived.length > 0 && (
        <>
          <button
            type="button"
            className="sidebar__toggle"
            aria-expanded={showArchived}
            onClick={() => setShowArchived(!showArchived)}
          >
            <IconChevron open={showArchived} />
            Archived projects
            <span className="nav-button__count" aria-hidden="true">
              {archived.length}
            </span>
          </button>
          {showArchived && (
            <ul className="nav-list nav-list--archived">{archived.map(projectItem)}</ul>
          )}
        </>
      )}
      {dialog?.kind === "create" && <ProjectDialog onClose={close} />}
      {dialog?.kind === "edit" && (
        <ProjectDialog
          project={dialog.project}
          onClose={close}
          onDelete={(project) => setDialog({ kind: "delete", project })}
        />
      )}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title="Delete project?"
          confirmLabel="Delete project"
          onConfirm={() => confirmDelete(dialog.project)}
          onClose={close}
        >
          <p>“{dialog.project.name}” will be deleted.</p>
          <p>{keptTasksNote(dialog.project.taskCount)}</p>
        </ConfirmDialog>
      )}
    </nav>
  );
}
