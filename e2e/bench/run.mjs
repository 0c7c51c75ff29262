// `make bench-app`: the built app under Xvfb on a 1,000- and a 100,000-task database, launched
// BENCH_APP_RUNS times per build and size (after one untimed warm-up launch), each on a fresh
// profile and a fresh copy of the database. Prints a Markdown table and writes the raw figures
// as JSON. Run through scripts/bench-app.sh, which builds the app and finds the databases.
//
// Environment: BENCH_APP_BUILDS ("debug=/path/app,release=/path/app"), BENCH_APP_DB_1K (made
// through the app's IPC when missing), BENCH_APP_DB_100K, TAURI_DRIVER, BENCH_APP_OUT (JSON),
// and optionally BENCH_APP_RUNS (5), BENCH_APP_CALLS (200), BENCH_APP_WARMUP_CALLS (5),
// BENCH_APP_SETTLE_MS (2000), BENCH_APP_SIZES ("1k,100k").

// launch.mjs first: its SIGINT handler, which stops the driver's process group, must run first.
import { inPage, launchDirect, memoryAfter, pageUiReady, processStartToPageMs, startupMs, timeGetTasks, withApp } from './launch.mjs';
import { copyFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { seedThroughIpc } from './seed.mjs';
import { createProfile } from '../lib/session.mjs';

const env = process.env;
const RUNS = Number(env.BENCH_APP_RUNS ?? 5);
const CALLS = Number(env.BENCH_APP_CALLS ?? 200);
const WARMUP_CALLS = Number(env.BENCH_APP_WARMUP_CALLS ?? 5);
const SETTLE_MS = Number(env.BENCH_APP_SETTLE_MS ?? 2000);
const SMALL_TASKS = 1000;
const builds = env.BENCH_APP_BUILDS.split(',').map((entry) => {
  const [name, app] = entry.split('=');
  return { name, app };
});
const databases = { '1k': env.BENCH_APP_DB_1K, '100k': env.BENCH_APP_DB_100K };
const sizes = (env.BENCH_APP_SIZES ?? '1k,100k').split(',');
const tauriDriver = env.TAURI_DRIVER;

const MiB = (kib) => kib / 1024;
const sorted = (values) => [...values].sort((a, b) => a - b);
/** Nearest-rank percentile. */
const percentile = (values, p) => sorted(values)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];
const median = (values) => percentile(values, 50);
const fixed = (value, digits = 1) => (value === null || value === undefined ? '—' : value.toFixed(digits));

/** A fresh profile, with the app's own window deadline: what a user gets, not the tests' longer one. */
function benchProfile() {
  const profile = createProfile();
  delete profile.env.TASKLANE_READY_TIMEOUT_MS;
  return profile;
}

/** A fresh profile whose database is a copy of `source` (and of its WAL, if one is left). */
function profileWith(source) {
  const profile = benchProfile();
  copyFileSync(source, profile.dbPath);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${profile.dbPath}-wal`);
  return profile;
}

async function makeSmallDatabase(build, target) {
  console.log(`==> making the ${SMALL_TASKS}-task database through the app's IPC (${target})`);
  const profile = benchProfile();
  try {
    await withApp({ app: build.app, tauriDriver, profile, empty: true }, (driver) => seedThroughIpc(driver, SMALL_TASKS));
    for (const suffix of ['-wal', '']) {
      rmSync(`${target}.partial${suffix}`, { force: true });
      if (existsSync(`${profile.dbPath}${suffix}`)) copyFileSync(`${profile.dbPath}${suffix}`, `${target}.partial${suffix}`);
    }
    // The WAL first, so the database is never published without it.
    if (existsSync(`${target}.partial-wal`)) renameSync(`${target}.partial-wal`, `${target}-wal`);
    renameSync(`${target}.partial`, target);
  } finally {
    profile.remove();
  }
}

async function launchOnce(build, database) {
  const profile = profileWith(database);
  try {
    return await withApp({ app: build.app, tauriDriver, profile }, async (driver, { wallToFirstRowMs, appPid }) => {
      const backendStartupMs = await startupMs(driver);
      const pageMark = await pageUiReady(driver);
      const startToPageMs = await processStartToPageMs(driver, appPid);
      const memory = await memoryAfter(appPid, SETTLE_MS);
      const projects = await inPage(driver, `return invoke('db_get_projects', {});`);
      const biggest = projects.reduce((best, project) => (project.taskCount > best.taskCount ? project : best));
      const timing = { warmup: WARMUP_CALLS, calls: CALLS };
      const all = await timeGetTasks(driver, { filter: {}, page: { limit: 200 } }, timing);
      const project = await timeGetTasks(driver, { filter: { projectIds: [biggest.id] }, page: { limit: 200 } }, timing);
      return {
        backendStartupMs,
        pageMark,
        startToPageMs,
        // Process start to the page's ui:ready mark: the start-up figure even when the backend has none.
        startToMarkMs: pageMark === null ? null : startToPageMs + pageMark.ms,
        wallToFirstRowMs,
        memory,
        firstPage: { all, project: { ...project, name: biggest.name, taskCount: biggest.taskCount } },
      };
    });
  } finally {
    profile.remove();
  }
}

async function launchDirectOnce(build, database) {
  const profile = profileWith(database);
  try {
    return await launchDirect({ app: build.app, profile }, SETTLE_MS);
  } finally {
    profile.remove();
  }
}

function summarizeDirect(direct) {
  const ready = direct.filter((launch) => launch.shownBy === 'ui:ready').map((launch) => launch.ms);
  return {
    readyMs: ready.length > 0 ? median(ready) : null,
    shownByDeadline: direct.length - ready.length,
    shownMs: median(direct.map((launch) => launch.ms)),
    pssMiB: MiB(median(direct.map((launch) => launch.memory.totalPssKiB))),
    pssRange: [MiB(Math.min(...direct.map((l) => l.memory.totalPssKiB))), MiB(Math.max(...direct.map((l) => l.memory.totalPssKiB)))],
  };
}

function summarize(runs) {
  const pool = (key) => runs.flatMap((run) => run.firstPage[key].times);
  const byTotal = sorted(runs.map((run) => run.memory.totalPssKiB));
  const medianRun = runs.find((run) => run.memory.totalPssKiB === median(byTotal));
  // A window shown by the backend's 5 s deadline has no startupMs: those launches are counted apart.
  const startups = runs.map((run) => run.backendStartupMs).filter((ms) => ms !== null);
  const marks = runs.map((run) => run.pageMark).filter((mark) => mark !== null);
  return {
    startupMs: startups.length > 0 ? median(startups) : null,
    startupRange: startups.length > 0 ? [Math.min(...startups), Math.max(...startups)] : null,
    shownByDeadline: runs.length - startups.length,
    wallMs: median(runs.map((run) => run.wallToFirstRowMs)),
    wallRange: [Math.min(...runs.map((run) => run.wallToFirstRowMs)), Math.max(...runs.map((run) => run.wallToFirstRowMs))],
    pageReadyMs: marks.length > 0 ? median(marks.map((mark) => mark.ms)) : null,
    startToPageMs: median(runs.map((run) => run.startToPageMs)),
    startToMarkMs: marks.length > 0 ? median(runs.map((run) => run.startToMarkMs).filter((ms) => ms !== null)) : null,
    marksWhileHidden: marks.filter((mark) => mark.visibilityState === 'hidden').length,
    all: {
      p50: median(pool('all')),
      p95: percentile(pool('all'), 95),
      mean: median(runs.map((run) => run.firstPage.all.meanMs)),
      rows: runs[0].firstPage.all.rows,
      total: runs[0].firstPage.all.total,
    },
    project: {
      p50: median(pool('project')),
      p95: percentile(pool('project'), 95),
      mean: median(runs.map((run) => run.firstPage.project.meanMs)),
      rows: runs[0].firstPage.project.rows,
      total: runs[0].firstPage.project.total,
    },
    pssMiB: MiB(median(byTotal)),
    pssRange: [MiB(byTotal[0]), MiB(byTotal.at(-1))],
    perProcess: medianRun.memory.perProcess.map(({ pid, comm, pssKiB, rssKiB }) => ({ pid, comm, pssMiB: MiB(pssKiB), rssMiB: MiB(rssKiB) })),
  };
}

async function main() {
  if (!existsSync(databases['1k'])) await makeSmallDatabase(builds[0], databases['1k']);
  const results = [];
  for (const build of builds) {
    for (const size of sizes) {
      const database = databases[size];
      console.log(`==> ${build.name}, ${size} tasks: 1 warm-up launch + ${RUNS} measured (${build.app})`);
      const loadBefore = os.loadavg();
      await launchOnce(build, database);
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) {
        const run = await launchOnce(build, database);
        console.log(
          `    run ${i + 1}: startupMs ${run.backendStartupMs ?? 'none (shown by the deadline)'}, wall to first row ${fixed(run.wallToFirstRowMs, 0)} ms, ` +
            `all-tasks page p50 ${fixed(median(run.firstPage.all.times), 2)} ms, ` +
            `project page p50 ${fixed(median(run.firstPage.project.times), 2)} ms, PSS ${fixed(MiB(run.memory.totalPssKiB))} MiB`,
        );
        runs.push(run);
      }
      // The same launches without WebDriver: what a user starts (memory without the automation session).
      const direct = [];
      for (let i = 0; i < RUNS; i += 1) {
        const launch = await launchDirectOnce(build, database);
        console.log(`    direct ${i + 1}: window shown by ${launch.shownBy} ${launch.ms} ms after start, PSS ${fixed(MiB(launch.memory.totalPssKiB))} MiB`);
        direct.push(launch);
      }
      results.push({
        build: build.name,
        app: build.app,
        size,
        loadBefore,
        loadAfter: os.loadavg(),
        runs,
        direct,
        summary: summarize(runs),
        directSummary: summarizeDirect(direct),
      });
    }
  }
  writeFileSync(env.BENCH_APP_OUT, JSON.stringify({ runsPerConfig: RUNS, calls: CALLS, warmupCalls: WARMUP_CALLS, settleMs: SETTLE_MS, results }, null, 2));
  report(results);
}

function report(results) {
  console.log(`\n${RUNS} launches per row (medians over launches, range in brackets; page p50/p95 over all ${RUNS} × ${CALLS} calls)\n`);
  console.log(
    '| build | tasks | launch → ui:ready (startupMs) | wall → first row (WebDriver) | first page, all tasks p50 / p95 | first page, biggest project p50 / p95 | PSS app + WebKit after first page |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const { build, size, summary: s } of results) {
    const startup =
      s.startupMs === null
        ? `none: shown by the 5 s deadline in ${s.shownByDeadline} of ${RUNS}`
        : `${s.startupMs} ms (${s.startupRange.join('–')})${s.shownByDeadline > 0 ? `; ${s.shownByDeadline} of ${RUNS} shown by the deadline` : ''}`;
    console.log(
      `| ${build} | ${size} | ${startup} | ${fixed(s.wallMs, 0)} ms (${s.wallRange.map((v) => fixed(v, 0)).join('–')}) | ` +
        `${fixed(s.all.p50, 2)} / ${fixed(s.all.p95, 2)} ms | ${fixed(s.project.p50, 2)} / ${fixed(s.project.p95, 2)} ms | ` +
        `${fixed(s.pssMiB)} MiB (${s.pssRange.map((v) => fixed(v)).join('–')}) |`,
    );
  }
  console.log(`\nThe same, started without WebDriver (${RUNS} launches; from the app's log and /proc):\n`);
  console.log('| build | tasks | window shown (ms after start) | PSS app + WebKit 2 s later |');
  console.log('|---|---|---:|---:|');
  for (const { build, size, directSummary: d } of results) {
    const shown =
      d.readyMs !== null
        ? `on ui:ready: ${d.readyMs} ms${d.shownByDeadline > 0 ? `; by the deadline in ${d.shownByDeadline} of ${RUNS}` : ''}`
        : `by the 5 s deadline in ${d.shownByDeadline} of ${RUNS}: ${d.shownMs} ms`;
    console.log(`| ${build} | ${size} | ${shown} | ${fixed(d.pssMiB)} MiB (${d.pssRange.map((v) => fixed(v)).join('–')}) |`);
  }
  console.log('\nPer process, launch with the median PSS (MiB):');
  for (const { build, size, summary: s } of results) {
    const parts = s.perProcess.map((p) => `${p.comm} ${fixed(p.pssMiB)} (RSS ${fixed(p.rssMiB)})`).join(', ');
    console.log(`  ${build} ${size}: ${parts}`);
  }
  console.log('\nPages timed (mean of a whole loop of calls: median over launches):');
  for (const { build, size, summary: s } of results) {
    console.log(
      `  ${build} ${size}: all tasks ${s.all.rows} rows of ${s.all.total}, mean ${fixed(s.all.mean, 2)} ms; ` +
        `biggest project ${s.project.rows} rows of ${s.project.total}, mean ${fixed(s.project.mean, 2)} ms`,
    );
  }
  console.log('\nStart-up as the page saw it (medians): process start → navigation start → ui:ready mark');
  for (const { build, size, summary: s } of results) {
    console.log(
      `  ${build} ${size}: ${fixed(s.startToPageMs, 0)} ms + ${fixed(s.pageReadyMs, 0)} ms = ${fixed(s.startToMarkMs, 0)} ms; ` +
        `mark made while the window was hidden in ${s.marksWhileHidden} of ${RUNS} launches`,
    );
  }
}

await main();
