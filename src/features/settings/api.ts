import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Settings } from "../../bindings/Settings";
import type { SettingsPatch } from "../../bindings/SettingsPatch";
import { queryKeys } from "../../app/queryKeys";
import { invokeDataBackups, invokeDbGetSettings, invokeDbUpdateSettings } from "../../ipc";

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: invokeDbGetSettings });
}

/** Applies the change at once (the theme switches before the backend answers), rolls back on failure. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => invokeDbUpdateSettings(patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.settings });
      const previous = queryClient.getQueryData<Settings>(queryKeys.settings);
      if (previous)
        queryClient.setQueryData<Settings>(queryKeys.settings, { ...previous, ...patch });
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.settings, context.previous);
    },
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings, settings),
  });
}

/** The backups of the database file, newest first. Read again each time Settings opens: the daily
 * one is written in the background, and another window's import writes one too. Its error is
 * shown where the list would be, not in the window's banner. */
export function useBackups() {
  return useQuery({
    queryKey: queryKeys.backups,
    queryFn: invokeDataBackups,
    staleTime: 0,
    meta: { quietErrors: true },
  });
}
