// The small bench database, written through the app's own commands from its page (so it has the
// schema, triggers and search index the app makes): `tasks` tasks, every 10th in the first of 5
// projects, about a third in none, the rest spread over the other four; 0–3 of 20 tags each, a
// third with a description, every status and priority in turn (a fifth done), 40 % with a due
// date. The content is the same on every run (no randomness).

import { inPage } from './launch.mjs';

const STATUSES = ['backlog', 'todo', 'in_progress', 'blocked', 'done'];
const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];
const TAGS = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? `Tag${i}` : `tag${i}`));
const WORDS = ['plan', 'review', 'draft', 'fix', 'call', 'send', 'update', 'check', 'write', 'order'];

function newTask(i, projectIds) {
  const project = i % 10 === 0 ? projectIds[0] : i % 3 === 0 ? null : projectIds[1 + (i % (projectIds.length - 1))];
  const task = {
    title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} item ${i}`,
    status: STATUSES[i % STATUSES.length],
    priority: PRIORITIES[(i * 3) % PRIORITIES.length],
    tags: Array.from({ length: i % 4 }, (_, k) => TAGS[(i * 7 + k * 5) % TAGS.length]),
    projectIds: project === null ? [] : [project],
  };
  if (i % 3 === 0) task.description = `Notes for item ${i}: ${WORDS.join(' ')}.`;
  if (i % 5 < 2) task.dueAt = new Date(Date.UTC(2026, 11, 1 + (i % 28), 9)).toISOString();
  return task;
}

/** Creates the projects and tasks in the open app; resolves when the last task is saved. */
export async function seedThroughIpc(driver, tasks) {
  const projectIds = await inPage(
    driver,
    `const ids = [];
     for (const name of ['Big', 'Home', 'Work', 'Errands', 'Someday']) {
       ids.push((await invoke('db_create_project', { input: { name } })).id);
     }
     return ids;`,
  );
  const batch = 100;
  for (let first = 0; first < tasks; first += batch) {
    const inputs = [];
    for (let i = first; i < Math.min(tasks, first + batch); i += 1) inputs.push(newTask(i, projectIds));
    await inPage(driver, `for (const input of args[0]) await invoke('db_create_task', { input });`, inputs);
  }
}
