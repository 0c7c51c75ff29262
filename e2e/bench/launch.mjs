// One launch of the built app under tauri-driver on a throw-away profile, and what the bench
// reads from it: start-up as the backend measured it, wall time to the first task row as
// WebDriver sees it, page reads timed inside the page, and memory after the first page.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder } from 'selenium-webdriver';
import { startGroup, stopGroup, waitForPort } from '../lib/processes.mjs';
import { appMemory, findApp } from './memory.mjs';

// Not the e2e tests' 4444/4445, so a bench can run while they do.
const DRIVER_PORT = Number(process.env.BENCH_APP_DRIVER_PORT ?? 4454);
const NATIVE_PORT = DRIVER_PORT + 1;

async function startDriver(tauriDriver, env) {
  const child = startGroup(tauriDriver, ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Polled more often than the tests do: the wait is part of the wall time measured.
  await waitForPort(DRIVER_PORT, 15_000, 50);
  return child;
}

/** Runs `script` (an async function body given `invoke` and `args`) in the page; returns its value. */
export async function inPage(driver, body, ...args) {
  const reply = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const args = Array.prototype.slice.call(arguments, 0, -1);
     const invoke = (cmd, payload) => window.__TAURI_INTERNALS__.invoke(cmd, payload);
     (async () => { ${body} })().then(
       (value) => done({ value }),
       (error) => done({ error: error?.message ?? JSON.stringify(error) }),
     );`,
    ...args,
  );
  if (reply.error !== undefined) throw new Error(`in the page: ${reply.error}`);
  return reply.value;
}

const FIRST_ROW = `return document.querySelector('[aria-label="Tasks"] li .task-row__title') !== null
  && document.visibilityState === 'visible';`;
// An empty database has no row to wait for: the main pane in a visible window instead.
const MAIN_PANE = `return document.querySelector('main, [role="main"]') !== null && document.visibilityState === 'visible';`;

/**
 * Starts tauri-driver and a session on `app` with `profile` (see e2e/lib/session.mjs), runs
 * `work(driver, launch)` and stops everything, pass or fail. `launch` holds the wall time in ms
 * from asking for the session to the first task row being in the DOM of a visible window (the
 * main pane when `empty`), and the app's pid.
 */
export async function withApp({ app, tauriDriver, profile, empty = false }, work) {
  const driverProcess = await startDriver(tauriDriver, profile.env);
  let driver;
  try {
    const began = performance.now();
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${DRIVER_PORT}/`)
      .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app } })
      .build();
    const ready = empty ? MAIN_PANE : FIRST_ROW;
    await driver.wait(() => driver.executeScript(ready), 60_000, empty ? 'no main pane in a visible window' : 'no task row in a visible window');
    const wallToFirstRowMs = performance.now() - began;
    await driver.manage().setTimeouts({ script: 300_000 });
    const appPid = findApp(driverProcess.pid, app);
    if (appPid === null) throw new Error(`no process runs ${app} below tauri-driver`);
    return await work(driver, { wallToFirstRowMs, appPid });
  } finally {
    await driver?.quit().catch(() => {});
    await stopGroup(driverProcess);
  }
}

/**
 * The backend's start-up figure (process start to ui:ready), waiting up to 2 s for it; null when
 * the window was shown by the backend's deadline instead (then the backend records none).
 */
export async function startupMs(driver) {
  return inPage(
    driver,
    `for (let attempt = 0; attempt < 40; attempt += 1) {
       const status = await invoke('app_status', {});
       if (status.startupMs !== null) return status.startupMs;
       await new Promise((resolve) => setTimeout(resolve, 50));
     }
     return null;`,
  );
}

/**
 * The page's own ui:ready mark: when, in ms from its navigation start, and whether the window was
 * still hidden then (it should be: the window is shown on ui:ready); null when there is none.
 */
export async function pageUiReady(driver) {
  return driver.executeScript(
    `const mark = performance.getEntriesByName('ui:ready')[0];
     return mark ? { ms: mark.startTime, visibilityState: mark.detail?.visibilityState ?? null } : null;`,
  );
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** When `pid` started, in ms since the epoch (/proc/<pid>/stat and the boot time; 1/CLK_TCK s steps). */
function processStartEpochMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))[1]);
  return bootSeconds * 1000 + (startTicks * 1000) / CLOCK_TICKS;
}

/** Ms from the app's process start to its page's navigation start (performance.timeOrigin). */
export async function processStartToPageMs(driver, appPid) {
  const timeOrigin = await driver.executeScript('return performance.timeOrigin;');
  return timeOrigin - processStartEpochMs(appPid);
}

/** Memory of the app and its WebKit processes once `settleMs` have passed. */
export async function memoryAfter(appPid, settleMs) {
  await sleep(settleMs);
  return appMemory(appPid);
}

/**
 * `calls` sequential `db_get_tasks` calls with `args`, after `warmup` untimed ones, each timed
 * with performance.now() in the page (WebKit rounds it to whole ms, so the mean of the whole loop
 * is returned too). Returns the times and the mean in ms, the page size and the total.
 */
export async function timeGetTasks(driver, args, { warmup, calls }) {
  return inPage(
    driver,
    `const [payload, warmup, calls] = args;
     for (let i = 0; i < warmup; i += 1) await invoke('db_get_tasks', payload);
     const times = [];
     let reply;
     const first = performance.now();
     for (let i = 0; i < calls; i += 1) {
       const start = performance.now();
       reply = await invoke('db_get_tasks', payload);
       times.push(performance.now() - start);
     }
     const meanMs = (performance.now() - first) / calls;
     return { times, meanMs, rows: reply.tasks.length, total: reply.total };`,
    args,
    warmup,
    calls,
  );
}

const PAINTED = /window main painted its first page (\d+) ms after start/;
const DEADLINE = /window main: no ui:ready from its page within \d+ m?s \((\d+) ms after start\)/;

/**
 * Starts the app alone (no WebDriver, no automation session) with `profile`, waits for the log
 * line that says how the main window was shown, lets it settle and reads its memory. Returns
 * { shownBy: 'ui:ready' | 'deadline', ms, memory }.
 */
export async function launchDirect({ app, profile }, settleMs) {
  const child = startGroup(app, [], { env: profile.env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const shown = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${app}: no "window main" line in its log after 30 s`)), 30_000);
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        const painted = PAINTED.exec(text);
        const deadline = DEADLINE.exec(text);
        if (painted || deadline) {
          clearTimeout(timer);
          resolve(painted ? { shownBy: 'ui:ready', ms: Number(painted[1]) } : { shownBy: 'deadline', ms: Number(deadline[1]) });
        }
      });
      child.once('exit', (code) => reject(new Error(`${app} exited (${code}) before showing its window`)));
    });
    return { ...shown, memory: await memoryAfter(child.pid, settleMs) };
  } finally {
    await stopGroup(child);
  }
}
