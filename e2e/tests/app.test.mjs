// Tasklane end to end: the built app (UI embedded) in WebKitGTK under Xvfb, driven through
// tauri-driver → WebKitWebDriver, on a fresh temp database and temp HOME for the whole file.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { By, Key, until } from 'selenium-webdriver';
import { countRows, createProfile, openApp, sqlite as query, startDriver, stopAll } from '../lib/session.mjs';
import {
  DIALOG, EDIT_PANEL, TASK_LIST, button, clear, click, field, fill, hasButton, visibleTaskTitles,
  waitForTitles, waitGone,
} from '../lib/ui.mjs';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

const profile = createProfile();
let driver;

async function screenshot(name) {
  // Let WebKit paint the last DOM change first (two animation frames), or the capture can lag.
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));');
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(path.join(SCREENSHOTS, `${name}.png`), await driver.takeScreenshot(), 'base64');
}

async function createTask({ title, description, projects = [] }) {
  await click(driver, 'New task');
  await fill(driver, 'Title', title, DIALOG);
  if (description) await fill(driver, 'Description', description, DIALOG);
  for (const project of projects) {
    await driver.findElement(By.xpath(`${DIALOG}//label[normalize-space(.)='${project}']//input[@type='checkbox']`)).click();
  }
  await click(driver, 'Create task', DIALOG);
  await waitGone(driver, DIALOG, `the New task dialog for "${title}"`);
}

async function restartApp() {
  await driver.quit();
  driver = await openApp();
}

before(async () => {
  await startDriver(profile);
  driver = await openApp();
});

after(async () => {
  await driver?.quit().catch(() => {});
  await stopAll();
  profile.remove();
});

describe('Tasklane', () => {
  test('1. projects and tasks: create, filter, edit, clear, change status, delete', async () => {
    await click(driver, 'New project');
    await fill(driver, 'Project name', 'Website', DIALOG);
    await click(driver, 'Create project', DIALOG);
    await waitGone(driver, DIALOG, 'the New project dialog');
    await button(driver, 'Website', "//nav[@aria-label='Sidebar']");

    await createTask({ title: 'Write landing copy', description: 'First draft by Friday', projects: ['Website'] });
    await createTask({ title: 'Fix footer links', projects: ['Website'] });
    await createTask({ title: 'Buy coffee' });
    await waitForTitles(driver, ['Write landing copy', 'Fix footer links', 'Buy coffee'], 'All tasks');
    await screenshot('main');

    await click(driver, 'Website', "//nav[@aria-label='Sidebar']");
    await waitForTitles(driver, ['Write landing copy', 'Fix footer links'], 'the Website project view');

    await click(driver, 'Write landing copy', TASK_LIST);
    const description = await field(driver, 'Description', EDIT_PANEL);
    assert.equal(await description.getAttribute('value'), 'First draft by Friday');
    await clear(description);
    await click(driver, 'Save', EDIT_PANEL);
    await waitForSql(
      `SELECT description IS NULL FROM tasks WHERE title = 'Write landing copy'`,
      '1',
      'the description was cleared in the database',
    );
    await screenshot('edit-panel');
    await click(driver, 'Close task details', EDIT_PANEL);

    const status = await button(driver, 'Status of Fix footer links: To do');
    await status.click();
    await driver.wait(
      async () => !(await hasButton(driver, 'Status of Fix footer links: To do')),
      10_000,
      'the status button still says To do',
    );
    await waitForSql(`SELECT status <> 'todo' FROM tasks WHERE title = 'Fix footer links'`, '1', 'the new status was saved');

    await click(driver, 'All tasks', "//nav[@aria-label='Sidebar']");
    await click(driver, 'Buy coffee', TASK_LIST);
    await click(driver, 'Delete task', EDIT_PANEL);
    await click(driver, 'Delete', "//*[@role='alertdialog']");
    await driver.wait(async () => !(await visibleTaskTitles(driver)).includes('Buy coffee'), 10_000, 'Buy coffee is still listed');
    await waitForSql('SELECT COUNT(*) FROM tasks', '2', 'the deleted task is gone from the database');
  });

  test('2. quit and start again on the same database: everything is still there', async () => {
    await restartApp();
    await button(driver, 'Website', "//nav[@aria-label='Sidebar']");
    const titles = await waitForAnyTitles();
    assert.deepEqual([...titles].sort(), ['Fix footer links', 'Write landing copy']);
  });

  test('3. a task created in the first window appears in a second one without reload', async () => {
    const first = await driver.getWindowHandle();
    await click(driver, 'New window');
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === 2, 15_000, 'no second window');
    const second = (await driver.getAllWindowHandles()).find((handle) => handle !== first);

    await driver.switchTo().window(second);
    await waitForAnyTitles();
    await driver.switchTo().window(first);
    await createTask({ title: 'Made in window one' });

    await driver.switchTo().window(second);
    await driver.wait(
      async () => (await visibleTaskTitles(driver)).includes('Made in window one'),
      10_000,
      'the second window did not show the new task',
    );
    await driver.close();
    await driver.switchTo().window(first);
  });

  test('4. an empty title shows the backend message and writes nothing', async () => {
    const before = countRows(profile, 'tasks');
    await click(driver, 'New task');
    await fill(driver, 'Title', '   ', DIALOG);
    await click(driver, 'Create task', DIALOG);
    const title = await field(driver, 'Title', DIALOG);
    const errorId = await title.getAttribute('aria-describedby');
    assert.ok(errorId, 'the Title field points at its error');
    const message = await driver.findElement(By.id(errorId.split(' ')[0])).getText();
    assert.equal(message, 'Title cannot be empty');
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    await screenshot('validation');
    await title.sendKeys(Key.ESCAPE);
    await waitGone(driver, DIALOG, 'the New task dialog');
    assert.equal(countRows(profile, 'tasks'), before);
  });

  test('5. the theme switches at once and is kept across a restart', async () => {
    await click(driver, 'Settings');
    await driver.findElement(By.xpath(`${DIALOG}//label[normalize-space(.)='Dark']//input[@type='radio']`)).click();
    await driver.wait(async () => (await theme()) === 'dark', 10_000, 'the theme did not switch to dark');
    // The Database section, with the team server's fields showing (nothing is switched).
    await driver
      .findElement(By.xpath(`${DIALOG}//label[normalize-space(.)='Team server (PostgreSQL)']//input[@type='radio']`))
      .click();
    await driver.findElement(By.xpath(`${DIALOG}//label[normalize-space(.)='Server']`));
    await screenshot('settings-database');
    await click(driver, 'Close', DIALOG);
    await screenshot('dark');
    await waitForSql(`SELECT value FROM settings WHERE key = 'theme'`, 'dark', 'the theme was saved');

    await restartApp();
    await driver.wait(async () => (await theme()) === 'dark', 10_000, 'the dark theme was not kept');
  });

  test('6. the status bar shows the right counts', async () => {
    const tasks = countRows(profile, 'tasks');
    const open = Number(sqlite(`SELECT COUNT(*) FROM tasks WHERE status <> 'done'`));
    const projects = countRows(profile, 'projects');
    assert.deepEqual([tasks, projects], [3, 1]);
    let parts = [];
    await driver
      .wait(async () => (parts = await statusBarParts()).includes(`${tasks} tasks`), 10_000)
      .catch(() => assert.fail(`the status bar says ${JSON.stringify(parts)}, not ${tasks} tasks`));
    assert.ok(parts.includes(`${open} open`), `${JSON.stringify(parts)} has ${open} open`);
    assert.ok(parts.includes('1 project'), `${JSON.stringify(parts)} has 1 project`);
    assert.ok(parts.some((part) => /^\d+(\.\d+)? (B|KB|MB)$/.test(part)), `${JSON.stringify(parts)} has the database size`);
  });

  test('7. an edit of a task changed elsewhere says so, and Overwrite keeps the other change', async () => {
    const id = sqlite(`SELECT id FROM tasks WHERE title = 'Write landing copy'`);
    assert.match(id, /^[0-9a-f-]{36}$/);
    await click(driver, 'Write landing copy', TASK_LIST);
    await fill(driver, 'Description', 'Hero text first', EDIT_PANEL);
    // Another window (here: another program) saves the task while this edit is open.
    sqlite(`UPDATE tasks SET title = 'Write the landing page', version = version + 1 WHERE id = '${id}'`);
    await click(driver, 'Save', EDIT_PANEL);

    const banner = await driver.wait(
      until.elementLocated(By.xpath(`${EDIT_PANEL}//*[@role='alert']`)),
      10_000,
      'no "Changed in another window" notice after a stale save',
    );
    assert.match(await banner.getText(), /Changed in another window/);
    assert.equal(sqlite(`SELECT description IS NULL FROM tasks WHERE id = '${id}'`), '1', 'the stale save wrote nothing');
    await screenshot('conflict');

    const version = Number(sqlite(`SELECT version FROM tasks WHERE id = '${id}'`));
    await click(driver, 'Overwrite', EDIT_PANEL);
    await waitForSql(
      `SELECT title || ' | ' || description || ' | ' || version FROM tasks WHERE id = '${id}'`,
      `Write the landing page | Hero text first | ${version + 1}`,
      'Overwrite saved this edit on top of the other change',
    );
    await waitGone(driver, `${EDIT_PANEL}//*[@role='alert']`, 'the notice after Overwrite');
  });

  test('8. a new window stays hidden until its page says ui:ready, once, and the status bar says how long start-up took', async () => {
    await restartApp();
    await waitForAnyTitles();
    // The page leaves a performance mark when it emits ui:ready (src/app/useUiReady.ts): exactly
    // one. (WebKitGTK reports a window that was never shown as `visible`, so the page cannot
    // tell by itself whether it was hidden.)
    const marks = await driver.executeScript(`return performance.getEntriesByName('ui:ready').length;`);
    assert.equal(marks, 1, 'one ui:ready');
    // The window is created hidden (tauri.conf.json) and shown once, by whichever comes first:
    // ui:ready or the 5 s deadline. startupMs is only recorded when ui:ready came first
    // (src-tauri/src/startup.rs), so the tooltip proves the window appeared on ui:ready.
    let tooltip = null;
    await driver
      .wait(async () => /^Started in [\d.,\u00a0\u202f ]+ ms$/.test((tooltip = await versionTooltip()) ?? ''), 10_000)
      .catch(() => assert.fail(`the version's tooltip says ${JSON.stringify(tooltip)}, not "Started in … ms"`));
  });

  test('9. a list of 1,000 tasks loads page by page while scrolling to its end', async () => {
    await driver.manage().setTimeouts({ script: 120_000 });
    // Created through the app's own IPC (and its isolation hook), as the UI would.
    const seeded = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      const invoke = window.__TAURI_INTERNALS__.invoke;
      (async () => {
        const project = await invoke('db_create_project', { input: { name: 'Bulk' } });
        // One after another, so the manual order (creation order) is the titles' order.
        for (let n = 1; n <= 1000; n += 1) {
          const title = 'Bulk task ' + String(n).padStart(4, '0');
          await invoke('db_create_task', { input: { title, projectIds: [project.id] } });
        }
        return 'ok';
      })().then(done, (error) => done('failed: ' + JSON.stringify(error)));
    `);
    assert.equal(seeded, 'ok');
    assert.equal(sqlite(`SELECT COUNT(*) FROM task_projects JOIN projects ON projects.id = project_id WHERE projects.name = 'Bulk'`), '1000');

    await click(driver, 'Bulk', "//nav[@aria-label='Sidebar']");
    let total = null;
    await driver
      .wait(async () => /^1[,.\u00a0\u202f ]?000 tasks$/.test((total = await listTotal()) ?? ''), 10_000)
      .catch(() => assert.fail(`the list's total says ${JSON.stringify(total)}, not 1,000 tasks`));
    // Only the first page is loaded at first: the last task is not in the DOM yet.
    assert.ok(!(await visibleTaskTitles(driver)).includes('Bulk task 1000'), 'the whole list was loaded at once');

    let end = null;
    await driver
      .wait(async () => {
        end = await driver.executeScript(`
          const scroller = document.querySelector('.task-list');
          scroller.scrollTop = scroller.scrollHeight;
          const rows = [...scroller.querySelectorAll('li[aria-posinset]')];
          const last = rows.at(-1);
          return {
            last: last?.querySelector('.task-row__title')?.textContent.trim() ?? null,
            position: last?.getAttribute('aria-posinset') ?? null,
            setSize: last?.getAttribute('aria-setsize') ?? null,
            loading: scroller.querySelector('.task-row--more') !== null,
          };
        `);
        return end.last === 'Bulk task 1000' && !end.loading;
      }, 30_000)
      .catch(() => assert.fail(`scrolled to the end and saw ${JSON.stringify(end)}, not Bulk task 1000 last`));
    assert.deepEqual(end, { last: 'Bulk task 1000', position: '1000', setSize: '1000', loading: false });
    assert.match(await listTotal(), /^1[,.\u00a0\u202f ]?000 tasks$/);
  });

  test('10. search finds a word of the description in another case and without its accent', async () => {
    await click(driver, 'All tasks', "//nav[@aria-label='Sidebar']");
    await createTask({ title: 'Plan the quarter', description: 'Réunion trimestrielle' });
    const search = await driver.findElement(By.css('input[aria-label="Search tasks"]'));
    await search.sendKeys('REUNION');
    await waitForTitles(driver, ['Plan the quarter'], 'searching REUNION');
    await clear(search);
    await search.sendKeys('trimestr');
    await waitForTitles(driver, ['Plan the quarter'], 'searching the start of a word');
    await clear(search);
  });

  test('11. export a backup, lose a task, import the backup: the list shows it again', async () => {
    // WebDriver cannot drive the native file dialogs of Settings -> Data (and the page cannot
    // stand in for them: Tauri's invoke is read-only), so this calls the two commands from the
    // page the way the Data section does after its dialog, with a Channel for the progress: the
    // isolation hook, the capability, the channel in WebKit, the file and the database are real.
    // The section's clicks and dialogs are covered by src/features/settings/data.test.tsx.
    const backup = path.join(profile.root, 'tasklane-backup.json');
    const tasks = countRows(profile, 'tasks');
    const exported = await fromPage('data_export', { request: { format: 'json', path: backup } });
    assert.equal(exported.error, undefined, JSON.stringify(exported.error));
    assert.deepEqual([exported.result.tasks, exported.result.path], [tasks, backup]);
    assertProgress(exported.progress, tasks);
    const file = JSON.parse(readFileSync(backup, 'utf8'));
    assert.equal(file.format, 'tasklane-backup');
    assert.equal(file.tasks.length, tasks);

    sqlite(`DELETE FROM tasks WHERE title = 'Plan the quarter'`);
    const imported = await fromPage('data_import', { request: { format: 'json', path: backup } });
    assert.equal(imported.error, undefined, JSON.stringify(imported.error));
    assert.deepEqual(
      [imported.result.created, imported.result.updated, imported.result.skipped],
      [1, 0, tasks - 1],
    );
    assertProgress(imported.progress, tasks);
    assert.equal(sqlite(`SELECT count(*) FROM tasks WHERE title = 'Plan the quarter'`), '1');
    // The import tells every window to reload: the list shows the task without a restart.
    const search = await driver.findElement(By.css('input[aria-label="Search tasks"]'));
    await search.sendKeys('quarter');
    await waitForTitles(driver, ['Plan the quarter'], 'the imported task in the list');
    await clear(search);

    const refused = await fromPage('data_import', { request: { format: 'csv', path: 'relative.csv' } });
    assert.equal(refused.error?.code, 'VALIDATION', JSON.stringify(refused));
    assert.equal(refused.error?.field, 'request.path');
  });

  test('12. restore the backup made before the import from Settings -> Data, then undo the restore', async () => {
    // Test 11's import wrote an "import" backup first: the database without "Plan the quarter".
    const planned = `SELECT count(*) FROM tasks WHERE title = 'Plan the quarter'`;
    assert.equal(sqlite(planned), '1');
    await click(driver, 'Settings');
    const restoreButton = (kind) =>
      `${DIALOG}//li[contains(., '${kind}')]//button[starts-with(@aria-label, 'Restore the backup of')]`;
    await driver.wait(until.elementLocated(By.xpath(restoreButton('Before an import'))), 10_000, 'the import backup is listed');
    await screenshot('settings-backups');
    const restore = async (kind) => {
      await driver.findElement(By.xpath(restoreButton(kind))).click();
      const confirm = "//*[@role='alertdialog']";
      await driver.wait(until.elementLocated(By.xpath(confirm)), 10_000, 'the confirmation opens');
      await click(driver, 'Restore', confirm);
      await driver.wait(
        until.elementLocated(By.xpath(`${DIALOG}//*[@role='status'][starts-with(normalize-space(.), 'Restored the backup of')]`)),
        30_000,
        `the restore of "${kind}" reports`,
      );
    };
    await restore('Before an import');
    await waitForSql(planned, '0', 'the restored database has no "Plan the quarter"');
    assert.equal(sqlite('PRAGMA integrity_check'), 'ok');

    // The database as it was is now a "Before a restore" backup: restoring it undoes the restore.
    await driver.wait(until.elementLocated(By.xpath(restoreButton('Before a restore'))), 10_000, 'the restore backup is listed');
    await restore('Before a restore');
    await waitForSql(planned, '1', '"Plan the quarter" is back');
    await click(driver, 'Close', DIALOG);
    await waitGone(driver, DIALOG, 'Settings');
    // Every window reloads after a restore: the list shows the task again without a restart.
    const search = await driver.findElement(By.css('input[aria-label="Search tasks"]'));
    await search.sendKeys('quarter');
    await waitForTitles(driver, ['Plan the quarter'], 'the task back in the list');
    await clear(search);
  });

  test('13. on the board, drag a card to In progress with the keyboard and another with the mouse; both persist', async () => {
    await createTask({ title: 'Board alpha' });
    await createTask({ title: 'Board beta' });
    const search = await driver.findElement(By.css('input[aria-label="Search tasks"]'));
    await search.sendKeys('board');
    await waitForTitles(driver, ['Board alpha', 'Board beta'], 'the two new tasks');
    // The radios are drawn by their labels (the inputs themselves are invisible).
    const layout = (value) => By.xpath(`//label[.//input[@name='layout'][@value='${value}']]`);
    await driver.findElement(layout('board')).click();
    const column = (label) => `//section[@aria-label='${label}']`;
    const cardsIn = (label) =>
      driver.executeScript(
        `return [...document.querySelectorAll('section[aria-label="${label}"] .board-card__title')].map((t) => t.textContent.trim());`,
      );
    await driver.wait(async () => (await cardsIn('To do')).length === 2, 10_000, 'both cards in To do');
    await screenshot('board');

    // Keyboard: Space picks the card up by its handle, Right moves it to the next column, Space
    // drops. A handle outside the tab order is focused by script; dnd-kit listens a tick after
    // the pick-up, so the keys go a little apart.
    const alpha = await driver.findElement(By.xpath(`${column('To do')}//button[@aria-label='Reorder Board alpha']`));
    await driver.executeScript('arguments[0].focus()', alpha);
    for (const key of [Key.SPACE, Key.ARROW_RIGHT, Key.SPACE]) {
      await driver.actions().sendKeys(key).perform();
      await driver.sleep(250);
    }
    await waitForSql(`SELECT status FROM tasks WHERE title = 'Board alpha'`, 'in_progress', 'the keyboard drop');
    await driver.wait(async () => (await cardsIn('In progress')).includes('Board alpha'), 10_000, 'alpha in In progress');

    // Mouse: press on the handle, move past the 5 px threshold, then onto the In progress column's card.
    const beta = await driver.findElement(By.xpath(`${column('To do')}//button[@aria-label='Reorder Board beta']`));
    const target = await driver.findElement(By.xpath(`${column('In progress')}//li[.//button[normalize-space(.)='Board alpha']]`));
    await driver
      .actions({ async: true })
      .move({ origin: beta })
      .press()
      .move({ origin: beta, x: 12, y: 0, duration: 100 })
      .move({ origin: target, x: 0, y: 20, duration: 300 })
      .move({ origin: target, x: 0, y: 24, duration: 100 })
      .release()
      .perform();
    await waitForSql(`SELECT status FROM tasks WHERE title = 'Board beta'`, 'in_progress', 'the mouse drop');
    const order = `SELECT group_concat(title, ',') FROM (SELECT title FROM tasks WHERE title LIKE 'Board %' ORDER BY position, created_at, id)`;
    const stored = sqlite(order);
    assert.ok(['Board alpha,Board beta', 'Board beta,Board alpha'].includes(stored), stored);

    // After a restart the board is still chosen for this list and shows the stored order.
    await restartApp();
    const again = await driver.findElement(By.css('input[aria-label="Search tasks"]'));
    await again.sendKeys('board');
    await driver.wait(async () => (await cardsIn('In progress')).join(',') === stored, 15_000, `In progress shows ${stored}`);
    assert.deepEqual(await cardsIn('To do'), []);
    await driver.findElement(layout('list')).click();
    await clear(again);
  });
});

/** What the task pane's summary says about the list's length. */
async function listTotal() {
  return driver.executeScript(`return document.querySelector('.tasks-summary__total')?.textContent ?? null;`);
}

async function versionTooltip() {
  return driver.executeScript(`return document.querySelector('.status-bar__version')?.getAttribute('title') ?? null;`);
}

/** Writes land after the UI updates, so database checks wait for the value instead of reading once. */
async function waitForSql(sql, expected, what) {
  let seen;
  await driver
    .wait(async () => (seen = sqlite(sql)) === expected, 10_000)
    .catch(() => assert.fail(`${what}: \`${sql}\` gave ${JSON.stringify(seen)}, not ${JSON.stringify(expected)}`));
}

async function waitForAnyTitles() {
  let titles = [];
  await driver.wait(async () => (titles = await visibleTaskTitles(driver)).length > 0, 15_000, 'no task rows rendered');
  return titles;
}

async function statusBarParts() {
  return driver.executeScript(
    `return [...document.querySelectorAll('[aria-label="Status bar"] > span')].map((part) => part.textContent.trim());`,
  );
}

async function theme() {
  return driver.executeScript('return document.documentElement.dataset.theme');
}

/**
 * Calls `command` from the page with `args` and a channel as `onProgress` (what `new Channel()`
 * of @tauri-apps/api sends: `__CHANNEL__:<callback id>`); returns its result or error and the
 * progress messages, in the order they arrived.
 */
async function fromPage(command, args) {
  return driver.executeAsyncScript(
    `const [command, args, done] = arguments;
     const internals = window.__TAURI_INTERNALS__;
     const progress = [];
     const id = internals.transformCallback((event) => { if (!('end' in event)) progress.push(event.message); });
     internals.invoke(command, { ...args, onProgress: '__CHANNEL__:' + id })
       .then((result) => setTimeout(() => done({ result, progress }), 100))
       .catch((error) => done({ error, progress }));`,
    command,
    args,
  );
}

/** Progress messages in order, ending with `done` and every task counted. */
function assertProgress(messages, total) {
  const phases = ['reading', 'writing', 'done'];
  assert.ok(messages.length >= 2, JSON.stringify(messages));
  for (let i = 1; i < messages.length; i += 1) {
    assert.ok(phases.indexOf(messages[i - 1].phase) <= phases.indexOf(messages[i].phase), JSON.stringify(messages));
  }
  assert.deepEqual(messages.at(-1), { phase: 'done', done: total, total });
}

function sqlite(sql) {
  return query(profile, sql);
}
