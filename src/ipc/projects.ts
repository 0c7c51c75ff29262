import type { Id } from "../bindings/Id";
import type { NewProject } from "../bindings/NewProject";
import type { Project } from "../bindings/Project";
import type { ProjectPatch } from "../bindings/ProjectPatch";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

export function invokeDbCreateProject(input: NewProject): Promise<Project> {
  return invokeWithTimeout("db_create_project", { input }, TIMEOUT_MS.write);
}

export function invokeDbGetProjects(): Promise<Project[]> {
  return invokeWithTimeout("db_get_projects", {}, TIMEOUT_MS.read);
}

export function invokeDbGetProject(id: Id): Promise<Project> {
  return invokeWithTimeout("db_get_project", { id }, TIMEOUT_MS.read);
}

export function invokeDbUpdateProject(id: Id, patch: ProjectPatch): Promise<Project> {
  return invokeWithTimeout("db_update_project", { id, patch }, TIMEOUT_MS.write);
}

export function invokeDbDeleteProject(id: Id): Promise<null> {
  return invokeWithTimeout("db_delete_project", { id }, TIMEOUT_MS.write);
}
