import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Id } from "../../bindings/Id";
import type { ProjectPatch } from "../../bindings/ProjectPatch";
import {
  invokeDbCreateProject,
  invokeDbDeleteProject,
  invokeDbGetProjects,
  invokeDbUpdateProject,
} from "../../ipc";
import { queryKeys } from "../../app/queryKeys";
import { refreshAfterOwnChange } from "../../app/refresh";

export function useProjects() {
  return useQuery({ queryKey: queryKeys.projects, queryFn: invokeDbGetProjects });
}

// Each mutation's change event refetches what it changed (see refresh.ts).

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbCreateProject,
    onSuccess: (project) =>
      refreshAfterOwnChange(queryClient, "projects", { kind: "created", ids: [project.id] }),
  });
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: Id; patch: ProjectPatch }) =>
      invokeDbUpdateProject(id, patch),
    onSuccess: (project) =>
      refreshAfterOwnChange(queryClient, "projects", { kind: "updated", ids: [project.id] }),
  });
}

/** Deleting a project keeps its tasks; they only lose the project, so tasks refetch too. */
export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbDeleteProject,
    onSuccess: (_result, id) =>
      refreshAfterOwnChange(queryClient, "projects", { kind: "deleted", ids: [id] }),
  });
}
