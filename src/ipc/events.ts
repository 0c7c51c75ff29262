import { listen, type EventCallback, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import { TIMEOUT_MS } from "./invoke";

/** Events the backend sends to every window. */
export const EVENTS = {
  tasksChanged: "tasks:changed",
  projectsChanged: "projects:changed",
  settingsChanged: "settings:changed",
  appStatus: "app:status",
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** How long subscribing to an event may take before the UI gives up on it. */
export const LISTEN_TIMEOUT_MS = TIMEOUT_MS.read;

/** Subscribing to a backend event did not finish in time; this window misses that event. */
export class ListenTimeoutError extends Error {
  readonly event: EventName;
  readonly ms: number;

  constructor(event: EventName, ms: number) {
    super(
      `Live updates (${event}) did not start within ${ms / 1000} s: ` +
        "changes made in other windows may not show here until this window is reopened.",
    );
    this.name = "ListenTimeoutError";
    this.event = event;
    this.ms = ms;
  }
}

/**
 * Subscribes to a backend event, rejecting with `ListenTimeoutError` after `timeoutMs`. The
 * timer is always cleared. Like `invokeWithTimeout`, this matters under Tauri's isolation
 * pattern, where a message the hook drops leaves `listen` pending forever. A subscription that
 * completes after the timeout is undone at once, and its handler never runs.
 */
export async function listenWithTimeout<T>(
  event: EventName,
  handler: EventCallback<T>,
  timeoutMs: number,
): Promise<UnlistenFn> {
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new ListenTimeoutError(event, timeoutMs));
    }, timeoutMs);
  });
  const subscription = listen<T>(event, (message) => {
    if (!timedOut) handler(message);
  });
  void subscription.then(
    (unlisten) => {
      if (timedOut) unlisten();
    },
    () => undefined,
  );
  try {
    return await Promise.race([subscription, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function onTasksChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listenWithTimeout<ChangeEvent>(
    EVENTS.tasksChanged,
    (event) => handler(event.payload),
    LISTEN_TIMEOUT_MS,
  );
}

export function onProjectsChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listenWithTimeout<ChangeEvent>(
    EVENTS.projectsChanged,
    (event) => handler(event.payload),
    LISTEN_TIMEOUT_MS,
  );
}

export function onSettingsChanged(handler: (change: ChangeEvent) => void): Promise<UnlistenFn> {
  return listenWithTimeout<ChangeEvent>(
    EVENTS.settingsChanged,
    (event) => handler(event.payload),
    LISTEN_TIMEOUT_MS,
  );
}

export function onAppStatus(handler: (status: AppStatus) => void): Promise<UnlistenFn> {
  return listenWithTimeout<AppStatus>(
    EVENTS.appStatus,
    (event) => handler(event.payload),
    LISTEN_TIMEOUT_MS,
  );
}
