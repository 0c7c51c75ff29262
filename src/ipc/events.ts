import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeEvent } from "../bindings/ChangeEvent";

/** Events the backend sends to every window. */
export const EVENTS = {
  tasksChanged: "tasks:changed",
  projectsChanged: "projects:changed",
  settingsChanged: "settings:changed",
  appStatus: "app:status",
} as const;

export function onTasksChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listen<ChangeEvent>(EVENTS.tasksChanged, (event) => handler(event.payload));
}

export function onProjectsChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listen<ChangeEvent>(EVENTS.projectsChanged, (event) => handler(event.payload));
}

export function onSettingsChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listen<ChangeEvent>(EVENTS.settingsChanged, (event) => handler(event.payload));
}

export function onAppStatus(handler: (status: AppStatus) => void): Promise<UnlistenFn> {
  return listen<AppStatus>(EVENTS.appStatus, (event) => handler(event.payload));
}
