import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { AppStatus } from "../bindings/AppStatus";
import { onAppStatus, onProjectsChanged, onSettingsChanged, onTasksChanged } from "../ipc";
import { useReportError } from "./notices";
import { invalidateTasksAndProjects, queryKeys } from "./queryKeys";

/**
 * Keeps this window in step with the database: every change event (from this window or
 * another) refetches the queries it touches, and `app:status` replaces the status bar's data.
 */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  const reportError = useReportError();

  useEffect(() => {
    const refreshTasksAndProjects = () => void invalidateTasksAndProjects(queryClient);
    const subscriptions = [
      onTasksChanged(refreshTasksAndProjects),
      onProjectsChanged(refreshTasksAndProjects),
      onSettingsChanged(() => void queryClient.invalidateQueries({ queryKey: queryKeys.settings })),
      onAppStatus((status) => queryClient.setQueryData<AppStatus>(queryKeys.appStatus, status)),
    ];
    for (const subscription of subscriptions) subscription.catch(reportError);
    return () => {
      // A subscription that failed was reported above and has nothing to undo.
      for (const subscription of subscriptions) {
        void subscription.then(
          (unlisten) => unlisten(),
          () => undefined,
        );
      }
    };
  }, [queryClient, reportError]);
}
