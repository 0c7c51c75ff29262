import { useRef, useState } from "react";
import type { Id } from "../bindings/Id";
import type { Project } from "../bindings/Project";
import type { TaskFilter } from "../bindings/TaskFilter";
import { Sidebar } from "../features/projects/Sidebar";
import { useProjects } from "../features/projects/api";
import { SettingsDialog } from "../features/settings/SettingsDialog";
import { useApplyTheme } from "../features/settings/useApplyTheme";
import { StatusBar, useAppStatus } from "../features/status/StatusBar";
import { CreateTaskDialog } from "../features/tasks/CreateTaskDialog";
import { EditTaskPanel } from "../features/tasks/EditTaskPanel";
import { LAYOUT_LABELS, useListLayout, type Layout } from "../features/tasks/layout";
import { TasksPane } from "../features/tasks/TasksPane";
import { invokeAppOpenWindow } from "../ipc";
import { IconPlus, IconSettings, IconWindow } from "../ui/icons";
import { Segmented } from "../ui/Segmented";
import { Notices } from "./Notices";
import { useReportError } from "./notices";
import { useGlobalShortcuts } from "./useGlobalShortcuts";
import { useLiveUpdates } from "./useLiveUpdates";
import { ALL_TASKS, type View } from "./view";
import "./app.css";

const NO_PROJECTS: Project[] = [];
const LAYOUTS = (Object.keys(LAYOUT_LABELS) as Layout[]).map((value) => ({ value, label: LAYOUT_LABELS[value] }));

/** The window: sidebar, toolbar, task list, edit panel, status bar, and the dialogs. */
export function App() {
  const [chosenView, setView] = useState<View>(ALL_TASKS);
  const [selectedTaskId, setSelectedTaskId] = useState<Id | null>(null);
  const [dialog, setDialog] = useState<"new-task" | "settings" | null>(null);
  /** What the task list is read with now: Settings → Data can export just those tasks. */
  const [listFilter, setListFilter] = useState<TaskFilter | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const projectsQuery = useProjects();
  const projects = projectsQuery.data ?? NO_PROJECTS;
  const openTaskCount = useAppStatus().data?.openTaskCount;
  const reportError = useReportError();

  useLiveUpdates();
  useApplyTheme();

  // A project deleted (here or in another window) takes its view with it.
  const project =
    chosenView.kind === "project" ? projects.find((p) => p.id === chosenView.projectId) : undefined;
  const view =
    chosenView.kind === "project" && projectsQuery.isSuccess && !project ? ALL_TASKS : chosenView;
  const title = view.kind === "inbox" ? "Inbox" : (project?.name ?? "All tasks");
  const [layout, setLayout] = useListLayout(view);

  const openWindow = () => void invokeAppOpenWindow().catch(reportError);
  useGlobalShortcuts({
    newTask: () => setDialog("new-task"),
    newWindow: openWindow,
    focusSearch: () => searchRef.current?.focus(),
  });

  return (
    <div className="app">
      <Sidebar
        view={view}
        onSelectView={setView}
        projects={projects}
        openTaskCount={openTaskCount}
      />
      <main className="main">
        <header className="toolbar">
          <h1 className="toolbar__title">{title}</h1>
          <Segmented name="layout" label="Layout" options={LAYOUTS} value={layout} onChange={setLayout} />
          <button
            type="button"
            className="button button--primary"
            onClick={() => setDialog("new-task")}
            title="New task (N)"
          >
            <IconPlus />
            New task
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="New window"
            title="New window (Ctrl+Shift+N)"
            onClick={openWindow}
          >
            <IconWindow />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Settings"
            title="Settings"
            onClick={() => setDialog("settings")}
          >
            <IconSettings />
          </button>
        </header>
        <TasksPane
          view={view}
          layout={layout}
          projects={projects}
          selectedTaskId={selectedTaskId}
          onOpenTask={setSelectedTaskId}
          searchRef={searchRef}
          onFilterChange={setListFilter}
        />
      </main>
      {selectedTaskId && (
        <EditTaskPanel
          key={selectedTaskId}
          taskId={selectedTaskId}
          projects={projects}
          onClose={() => setSelectedTaskId(null)}
        />
      )}
      <StatusBar />
      <Notices />
      {dialog === "new-task" && (
        <CreateTaskDialog
          projects={projects}
          defaultProjectIds={view.kind === "project" ? [view.projectId] : []}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "settings" && (
        <SettingsDialog list={listFilter && { title, filter: listFilter }} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
