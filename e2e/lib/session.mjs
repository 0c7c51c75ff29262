// Starts tauri-driver and Tasklane sessions for the end-to-end tests, each on a throw-away
// profile: a temp folder for HOME / XDG dirs and a fresh SQLite file through TASKLANE_DB_URL,
// so nothing touches a user's real data. Every process started here is stopped by `stopAll`,
// pass or fail.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, until, By } from 'selenium-webdriver';

const APP = process.env.TASKLANE_APP;
const TAURI_DRIVER = process.env.TAURI_DRIVER;
const DRIVER_PORT = 4444;
const NATIVE_PORT = 4445;

if (!APP || !TAURI_DRIVER) {
  throw new Error('Set TASKLANE_APP and TAURI_DRIVER (the Makefile target `test-e2e` does).');
}

/** A throw-away profile: its own HOME, XDG folders and database file. */
export function createProfile() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tasklane-e2e-'));
  const dirs = ['home', 'data', 'config', 'cache', 'runtime'].map((name) => path.join(root, name));
  dirs.forEach((dir) => mkdirSync(dir, { recursive: true, mode: 0o700 }));
  const dbPath = path.join(root, 'tasklane-e2e.db');
  return {
    root,
    dbPath,
    env: {
      ...process.env,
      HOME: dirs[0],
      XDG_DATA_HOME: dirs[1],
      XDG_CONFIG_HOME: dirs[2],
      XDG_CACHE_HOME: dirs[3],
      XDG_RUNTIME_DIR: dirs[4],
      TASKLANE_DB_URL: `sqlite:${dbPath}?mode=rwc`,
      // Windows are shown on the page's ui:ready, or after a deadline (5 s by default). Under
      // WebDriver on a loaded machine a page can take longer than that to load; test 8 checks
      // that the window was shown by ui:ready, so the deadline must not win the race here.
      TASKLANE_READY_TIMEOUT_MS: '60000',
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const running = new Set();

// An interrupted run (Ctrl+C, CI timeout) still stops what it started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Starts tauri-driver (which starts WebKitWebDriver, which starts the app) with the profile's env. */
export async function startDriver(profile) {
  const child = spawn(TAURI_DRIVER, ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT)], {
    env: profile.env,
    detached: true, // its own process group, so stopping it stops WebKitWebDriver and the app too
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  await waitForPort(DRIVER_PORT, 15_000);
  return child;
}

/** Opens a WebDriver session on Tasklane and waits until its UI has rendered. */
export async function openApp() {
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${DRIVER_PORT}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: APP } })
    .build();
  await driver.wait(until.elementLocated(By.css('main, [role="main"]')), 30_000, 'the UI did not render');
  return driver;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a driver process group and waits for it to exit. */
export async function stopDriver(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...running].map(stopDriver));
}

/** The result of one SQL query on the profile's database, read with the sqlite3 CLI. */
export function sqlite(profile, sql) {
  return execFileSync('sqlite3', [profile.dbPath, sql], { encoding: 'utf8' }).trim();
}

export function countRows(profile, table) {
  return Number(sqlite(profile, `SELECT COUNT(*) FROM ${table}`));
}
