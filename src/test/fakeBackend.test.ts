import { describe, expect, it } from "vitest";
import type { Task } from "../bindings/Task";
import type { TaskFilter } from "../bindings/TaskFilter";
import type { TaskSort } from "../bindings/TaskSort";
import { invokeDbGetTasks, IpcError } from "../ipc";
import { installFakeBackend, makeTask } from "./fakeBackend";

/** Every task of a list, walked a page of `limit` at a time, and how many pages it took. */
async function walk(filter: TaskFilter, limit: number) {
  const tasks: Task[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await invokeDbGetTasks(filter, after === undefined ? { limit } : { limit, after });
    pages += 1;
    tasks.push(...page.tasks);
    expect(page.tasks.length).toBeLessThanOrEqual(limit);
    if (page.next === null) return { tasks, pages, total: page.total };
    after = page.next;
  }
}

const DAY = 24 * 60 * 60 * 1000;
const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;

/** Tasks with many equal sort keys, so the id tiebreak and keyset boundaries matter. */
function manyTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, index) =>
    makeTask({
      title: ["apple", "Apple", "banana", "Cherry", "cherry"][index % 5] ?? "",
      position: index % 7,
      priority: PRIORITIES[index % 5] ?? "none",
      dueAt: index % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + (index % 11) * DAY).toISOString(),
      createdAt: new Date(Date.UTC(2026, 0, 1) + (index % 13) * DAY).toISOString(),
      updatedAt: new Date(Date.UTC(2026, 0, 1) + (index % 17) * DAY).toISOString(),
    }),
  );
}

const rank = (task: Task) => PRIORITIES.indexOf(task.priority);
const byId = (a: Task, b: Task) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The orders the backend promises, written out independently of the fake's comparator. */
const ORDERS: Record<TaskSort, (a: Task, b: Task) => number> = {
  manual: (a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt),
  due: (a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""),
  priority: (a, b) => rank(a) - rank(b),
  created: (a, b) => a.createdAt.localeCompare(b.createdAt),
  updated: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
  title: (a, b) => (a.title.toLowerCase() < b.title.toLowerCase() ? -1 : a.title.toLowerCase() > b.title.toLowerCase() ? 1 : 0),
};

function expectedOrder(tasks: Task[], sort: TaskSort, descending: boolean): string[] {
  const sign = descending ? -1 : 1;
  return [...tasks]
    .sort((a, b) => {
      if (sort === "due" && (a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
      return sign * (ORDERS[sort](a, b) || byId(a, b));
    })
    .map((task) => task.id);
}

describe("the fake backend's pages", () => {
  const sorts: TaskSort[] = ["manual", "due", "priority", "created", "updated", "title"];
  const cases = sorts.flatMap((sort) => [
    [sort, false],
    [sort, true],
  ]) as [TaskSort, boolean][];

  it.each(cases)("walk the whole %s list (descending: %s) in order, each task once", async (sort, descending) => {
    const tasks = manyTasks(103);
    installFakeBackend({ tasks });

    const walked = await walk({ sort, descending }, 10);

    expect(walked.pages).toBe(11);
    expect(walked.total).toBe(103);
    expect(walked.tasks.map((task) => task.id)).toEqual(expectedOrder(tasks, sort, descending));
  });

  it("say the whole filtered total on every page, and end with next: null", async () => {
    installFakeBackend({
      tasks: [
        ...Array.from({ length: 5 }, (_, index) => makeTask({ title: `Open ${index}` })),
        makeTask({ title: "Finished", status: "done" }),
      ],
    });

    const first = await invokeDbGetTasks({}, { limit: 2 });
    expect(first).toMatchObject({ total: 5, next: expect.any(String) as string });
    const second = await invokeDbGetTasks({}, { limit: 2, after: first.next ?? "" });
    const third = await invokeDbGetTasks({}, { limit: 2, after: second.next ?? "" });
    expect([second.total, third.total]).toEqual([5, 5]);
    expect(third.tasks.map((task) => task.title)).toEqual(["Open 4"]);
    expect(third.next).toBeNull();
    // A page that ends exactly at the last task has no next page.
    expect((await invokeDbGetTasks({}, { limit: 5 })).next).toBeNull();
  });

  it("continue after the cursor's task even when that task has since been deleted", async () => {
    const backend = installFakeBackend({
      tasks: ["a", "b", "c", "d"].map((title, index) => makeTask({ title, position: index })),
    });
    const first = await invokeDbGetTasks({}, { limit: 2 });
    backend.db.tasks = backend.db.tasks.filter((task) => task.title !== "b");

    const second = await invokeDbGetTasks({}, { limit: 2, after: first.next ?? "" });

    expect(second.tasks.map((task) => task.title)).toEqual(["c", "d"]);
    expect(second.total).toBe(3);
  });

  it.each([0, 501, 1.5, -1])("refuse a limit of %s on page.limit", async (limit) => {
    installFakeBackend();
    await expect(invokeDbGetTasks({}, { limit })).rejects.toMatchObject({
      code: "VALIDATION",
      field: "page.limit",
      message: "A page holds 1 to 500 tasks",
    });
  });

  it.each(["not-a-cursor", "", "e30=", btoa('{"sort":"manual","descending":false,"keys":{},"id":"x"}')])(
    "refuse a cursor that is not one (%j) on page.after",
    async (after) => {
      installFakeBackend({ tasks: [makeTask({ title: "a" })] });
      const error = await invokeDbGetTasks({}, { after }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(IpcError);
      expect(error).toMatchObject({
        code: "VALIDATION",
        field: "page.after",
        message: "The page cursor is not valid; start again from the first page",
      });
    },
  );

  it.each([
    [{ sort: "title" }, { sort: "due" }],
    [{ sort: "title" }, { sort: "title", descending: true }],
    [{}, { sort: "created" }],
  ] as [TaskFilter, TaskFilter][])("refuse a cursor of %j for %j", async (issuedFor, usedWith) => {
    installFakeBackend({ tasks: manyTasks(5) });
    const { next } = await invokeDbGetTasks(issuedFor, { limit: 2 });

    await expect(invokeDbGetTasks(usedWith, { limit: 2, after: next ?? "" })).rejects.toMatchObject({
      code: "VALIDATION",
      field: "page.after",
      message: "The page cursor belongs to another sort order; start again from the first page",
    });
  });
});

describe("the fake backend's search", () => {
  const tasks = [
    makeTask({ title: "Über café plans", description: "Straße und ÄRGER", tags: ["urgent"] }),
    makeTask({ title: "Buy kumquats", description: "foo bar baz", tags: ["Groceries", "market day"] }),
    makeTask({ title: "Réunion trimestrielle", description: "salle 3*4 (A)" }),
    makeTask({ title: "Plain task", description: 'He said "AND" or NOT: near(ly) ^done title:x' }),
  ];

  async function found(search: string): Promise<string[]> {
    installFakeBackend({ tasks });
    const page = await invokeDbGetTasks({ search });
    return page.tasks.map((task) => task.title);
  }

  it.each([
    ["uber", ["Über café plans"]],
    ["ÜBER", ["Über café plans"]],
    ["CAFÉ", ["Über café plans"]],
    ["cafe", ["Über café plans"]],
    ["caf", ["Über café plans"]],
    ["arger", ["Über café plans"]],
    ["kum", ["Buy kumquats"]],
    ["KUMQUATS", ["Buy kumquats"]],
    ["reunion", ["Réunion trimestrielle"]],
    ["REUNION TRIM", ["Réunion trimestrielle"]],
    // A tag is a field of its own; its words are found like any other.
    ["groc", ["Buy kumquats"]],
    ["market-da", ["Buy kumquats"]],
    // Words of a term are consecutive, only the last is a prefix.
    ["foo-ba", ["Buy kumquats"]],
    ["fo-bar", []],
    ["bar foo", ["Buy kumquats"]],
    ["foo-baz", []],
    // Every term must match, each in some field.
    ["kum market", ["Buy kumquats"]],
    ["kum urgent", []],
    // A phrase does not run from one field into the next.
    ["kumquats-foo", []],
    // ß is not ss.
    ["strasse", []],
    ["straße", ["Über café plans"]],
  ])("%j finds %j", async (search, titles) => {
    expect(await found(search)).toEqual(titles);
  });

  it.each([
    ['"AND"', ["Plain task"]],
    ["AND", ["Plain task"]],
    ["or NOT", ["Plain task"]],
    ["NEAR(", ["Plain task"]],
    ["near(ly", ["Plain task"]],
    ["^done", ["Plain task"]],
    ["title:x", ["Plain task"]],
    ["title:", ["Plain task"]],
    ["kum*", ["Buy kumquats"]],
    ['"kum', ["Buy kumquats"]],
    ["((kum", ["Buy kumquats"]],
    ["kum)", ["Buy kumquats"]],
    ["OR", ["Plain task"]],
    ["NOT kum", []],
  ])("reads query syntax %j as plain words: %j", async (search, titles) => {
    expect(await found(search)).toEqual(titles);
  });

  it.each([
    ["***", []],
    ["*", ["Réunion trimestrielle"]],
    ["(", ["Réunion trimestrielle", "Plain task"]],
    ["((", []],
    ['"', ["Plain task"]],
    ["^", ["Plain task"]],
    ["* (", []],
  ])("looks for text with no word (%j) literally in title and description", async (search, titles) => {
    expect(await found(search)).toEqual(titles);
  });
});
