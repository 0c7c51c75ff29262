import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Id } from "../../bindings/Id";
import type { ProjectPatch } from "../../bindings/ProjectPatch";
import {
  invokeDbCreateProject,
  invokeDbDeleteProject,
  invokeDbGetProjects,
  invokeDbUpdateProject,
} from "../../ipc";
import { invalidateTasksAndProjects, queryKeys } from "../../app/queryKeys";

export function useProjects() {
  return useQuery({ queryKey: queryKeys.projects, queryFn: invokeDbGetProjects });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbCreateProject,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: Id; patch: ProjectPatch }) =>
      invokeDbUpdateProject(id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

/** Deleting a project keeps its tasks; they only lose the project, so tasks refetch too. */
export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invokeDbDeleteProject,
    onSuccess: () => invalidateTasksAndProjects(queryClient),
  });
}
