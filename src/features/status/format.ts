import type { LinkState } from "../../bindings/LinkState";

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 -> "1.5 KB"; whole bytes below 1 KB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** "1 task", "2 tasks". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString()} ${noun}${n === 1 ? "" : "s"}`;
}

/** What the status bar says of a team database's link: changes from other machines arrive live,
 * or the app is (re)connecting and will catch up. */
export function linkLabel(state: LinkState): string {
  switch (state) {
    case "live":
      return "Live";
    case "connecting":
      return "Connecting…";
    case "reconnecting":
      return "Reconnecting…";
  }
}

/** The status bar's word on start-up time: "Started in 850 ms"; nothing before it is known. */
export function startupTooltip(startupMs: number | null): string | undefined {
  return startupMs === null ? undefined : `Started in ${Math.round(startupMs).toLocaleString()} ms`;
}
