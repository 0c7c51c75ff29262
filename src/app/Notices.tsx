import { IconClose } from "../ui/icons";
import { useNotices } from "./notices";

/** The error banner: every notice stays until dismissed. */
export function Notices() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <span className="notice__message">{notice.message}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            <IconClose />
          </button>
        </div>
      ))}
    </div>
  );
}
