import { useEffect, useState } from "react";

/** Whether `pending` has now been true for at least `afterMs`, without a break. */
export function useLongPending(pending: boolean, afterMs: number): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(() => setLong(true), afterMs);
    return () => {
      clearTimeout(timer);
      setLong(false);
    };
  }, [pending, afterMs]);
  return pending && long;
}
