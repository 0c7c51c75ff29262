// Starts tauri-driver and Tasklane sessions for the end-to-end tests, each on a throw-away
// profile: a temp folder for HOME / XDG dirs and a fresh SQLite file through TASKLANE_DB_URL,
// so nothing touches a user's real data. Every process started here is stopped by `stopAll`,
// pass or fail (process groups: ./processes.mjs).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder, until, By } from 'selenium-webdriver';
import { startGroup, stopAllGroups, stopGroup, waitForPort } from './processes.mjs';

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

/** Starts tauri-driver (which starts WebKitWebDriver, which starts the app) with the profile's env. */
export async function startDriver(profile) {
  const child = startGroup(TAURI_DRIVER, ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT)], {
    env: profile.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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

/** Stops a driver process group and waits for it to exit. */
export const stopDriver = stopGroup;

export async function stopAll() {
  await stopAllGroups();
}

/** The result of one SQL query on the profile's database, read with the sqlite3 CLI. */
export function sqlite(profile, sql) {
  return execFileSync('sqlite3', [profile.dbPath, sql], { encoding: 'utf8' }).trim();
}

export function countRows(profile, table) {
  return Number(sqlite(profile, `SELECT COUNT(*) FROM ${table}`));
}
