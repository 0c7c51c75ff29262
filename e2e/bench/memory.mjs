// Memory of a running Tasklane: the app process and every process below it (WebKitWebProcess,
// WebKitNetworkProcess, …), as PSS from /proc/<pid>/smaps_rollup. PSS shares each shared page
// between the processes that map it, so the per-process figures add up to the total without
// counting the WebKit libraries twice.

import { readdirSync, readFileSync, realpathSync } from 'node:fs';

/** Every process as { pid, ppid, comm }, read from /proc/<pid>/stat. */
function processes() {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      found.push({ pid: Number(entry), ppid, comm });
    } catch {
      // the process ended while the list was read
    }
  }
  return found;
}

/** `root` and all its descendants, parents before children. */
export function processTree(rootPid) {
  const all = processes();
  const tree = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    const process = all.find((candidate) => candidate.pid === pid);
    if (!process) continue;
    tree.push(process);
    queue.push(...all.filter((candidate) => candidate.ppid === pid).map((child) => child.pid));
  }
  return tree;
}

function exeOf(pid) {
  try {
    return realpathSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/** The pid of the process running `appPath` below `rootPid` (tauri-driver), or null. */
export function findApp(rootPid, appPath) {
  const wanted = realpathSync(appPath);
  return processTree(rootPid).find((process) => exeOf(process.pid) === wanted)?.pid ?? null;
}

/** Pss and Rss in KiB from /proc/<pid>/smaps_rollup, or null when the process is gone. */
function rollup(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { pssKiB: field('Pss'), rssKiB: field('Rss') };
  } catch {
    return null;
  }
}

/** PSS of the app and its descendants: [{ pid, comm, pssKiB, rssKiB }] and the total PSS in KiB. */
export function appMemory(appPid) {
  const perProcess = processTree(appPid)
    .map((process) => ({ ...process, ...rollup(process.pid) }))
    .filter((process) => Number.isFinite(process.pssKiB));
  const totalPssKiB = perProcess.reduce((sum, process) => sum + process.pssKiB, 0);
  return { perProcess, totalPssKiB };
}
