import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../app/queryKeys";
import { invokeAppStatus } from "../../ipc";
import { count, formatBytes, linkLabel, startupTooltip } from "./format";

/** Fetched once, then kept current by `app:status` events (see useLiveUpdates). */
export function useAppStatus() {
  return useQuery({ queryKey: queryKeys.appStatus, queryFn: invokeAppStatus });
}

export function StatusBar() {
  const { data: status } = useAppStatus();
  return (
    <section className="status-bar" aria-label="Status bar">
      {status && (
        <>
          <span>{count(status.taskCount, "task")}</span>
          <span>{status.openTaskCount.toLocaleString()} open</span>
          <span>{count(status.projectCount, "project")}</span>
          {status.server ? (
            <span
              role="status"
              className={`status-bar__db status-bar__link status-bar__link--${status.server.state}`}
              title={`Team database: ${status.server.url}`}
            >
              {linkLabel(status.server.state)}
            </span>
          ) : (
            <span
              className="status-bar__db"
              title={status.dbPath ? `Database: ${status.dbPath}` : "In-memory database"}
            >
              {formatBytes(status.dbSizeBytes)}
            </span>
          )}
          <span className="status-bar__version" title={startupTooltip(status.startupMs)}>
            v{status.appVersion}
          </span>
        </>
      )}
    </section>
  );
}
