import { useQueryClient } from "@tanstack/react-query";
import type { UnlistenFn } from "@tauri-apps/api/event";
import { useEffect } from "react";
import type { AppStatus } from "../bindings/AppStatus";
import { onAppStatus, onProjectsChanged, onSettingsChanged, onTasksChanged } from "../ipc";
import { useReportError } from "./notices";
import { queryKeys } from "./queryKeys";
import { refreshAfterProjectsChanged, refreshAfterTasksChanged, setListening, type Topic } from "./refresh";

/**
 * Keeps this window in step with the database: every change event (from this window or
 * another) refetches the queries it touches (see refresh.ts), and `app:status` replaces the
 * status bar's data.
 */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  const reportError = useReportError();

  useEffect(() => {
    let active = true;
    const reported = (subscription: Promise<UnlistenFn>) => {
      subscription.catch(reportError);
      return subscription;
    };
    const listenFor = (topic: Topic, subscription: Promise<UnlistenFn>) => {
      void subscription.then(() => active && setListening(queryClient, topic, true), reportError);
      return subscription;
    };
    const subscriptions = [
      listenFor("tasks", onTasksChanged((change) => void refreshAfterTasksChanged(queryClient, change))),
      listenFor(
        "projects",
        onProjectsChanged((change) => void refreshAfterProjectsChanged(queryClient, change)),
      ),
      reported(onSettingsChanged(() => void queryClient.invalidateQueries({ queryKey: queryKeys.settings }))),
      reported(onAppStatus((status) => queryClient.setQueryData<AppStatus>(queryKeys.appStatus, status))),
    ];
    return () => {
      active = false;
      setListening(queryClient, "tasks", false);
      setListening(queryClient, "projects", false);
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
