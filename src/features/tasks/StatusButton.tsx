import type { TaskStatus } from "../../bindings/TaskStatus";
import { nextStatus, STATUS_LABELS } from "./taskMeta";

function StatusGlyph({ status }: { status: TaskStatus }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {status === "backlog" && (
        <circle cx="8" cy="8" r="6" className="glyph-ring" strokeDasharray="2.2 2" />
      )}
      {status === "todo" && <circle cx="8" cy="8" r="6" className="glyph-ring" />}
      {status === "in_progress" && (
        <>
          <circle cx="8" cy="8" r="6" className="glyph-ring" />
          <path d="M8 4a4 4 0 0 1 0 8z" className="glyph-fill" />
        </>
      )}
      {status === "blocked" && (
        <>
          <circle cx="8" cy="8" r="6" className="glyph-ring" />
          <path d="M5 8h6" className="glyph-ring" />
        </>
      )}
      {status === "done" && (
        <>
          <circle cx="8" cy="8" r="6.75" className="glyph-fill" />
          <path d="M5.2 8.2l1.9 1.9 3.7-3.9" className="glyph-check" />
        </>
      )}
    </svg>
  );
}

type StatusButtonProps = {
  status: TaskStatus;
  taskTitle: string;
  onChange: (status: TaskStatus) => void;
};

/** One click moves the task to its next status. Out of the tab order: rows take keys 1–5 and X. */
export function StatusButton({ status, taskTitle, onChange }: StatusButtonProps) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`status-button status-button--${status}`}
      aria-label={`Status of ${taskTitle}: ${STATUS_LABELS[status]}`}
      title={`${STATUS_LABELS[status]} — click for ${STATUS_LABELS[nextStatus(status)]}`}
      onClick={() => onChange(nextStatus(status))}
    >
      <StatusGlyph status={status} />
    </button>
  );
}
