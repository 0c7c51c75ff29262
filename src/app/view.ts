import type { Id } from "../bindings/Id";

/** Which tasks the main list shows: everything, the Inbox (no project) or one project. */
export type View = { kind: "all" } | { kind: "inbox" } | { kind: "project"; projectId: Id };

export const ALL_TASKS: View = { kind: "all" };
export const INBOX: View = { kind: "inbox" };

export function projectView(projectId: Id): View {
  return { kind: "project", projectId };
}
