import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";
import { ROW_HEIGHT } from "./TaskRow";

/** The viewport height the test setup gives every element. */
const VIEWPORT = 720;
/** Rows the list renders beyond each edge of the viewport (TaskList's overscan). */
const OVERSCAN_ROWS = 10;

/** What the pane's summary says about the list's length. */
function shownTotal(): string | null | undefined {
  return document.querySelector(".tasks-summary__total")?.textContent;
}

function taskList(): HTMLElement {
  return screen.getByRole("list", { name: "Tasks" });
}

function scroller(): HTMLElement {
  const element = taskList().parentElement;
  if (!element) throw new Error("the task list has no scroll container");
  return element;
}

/** Scrolls the list as a user would: jsdom has no layout, so the offset is set by hand. */
async function scrollTo(top: number) {
  const element = scroller();
  Object.defineProperty(element, "scrollTop", { configurable: true, writable: true, value: top });
  await act(async () => {
    element.dispatchEvent(new Event("scroll"));
    await Promise.resolve();
  });
}

/** The rows on screen: their position in the list (1-based) and title. */
function shownRows(): [number, string][] {
  return within(taskList())
    .getAllByRole("listitem")
    .map((row) => [
      Number(row.getAttribute("aria-posinset")),
      row.querySelector(".task-row__title")?.textContent ?? "",
    ]);
}

/**
 * Scrolls from the top to the end a screen at a time, waiting at the end of the loaded rows for
 * the next page, and returns every row seen by its position.
 */
async function scrollThrough(): Promise<Map<number, string>> {
  const seen = new Map<number, string>();
  let top = 0;
  for (;;) {
    await scrollTo(top);
    for (const [position, title] of shownRows()) {
      const before = seen.get(position);
      if (before !== undefined && before !== title) throw new Error(`row ${position} was ${before}, now ${title}`);
      seen.set(position, title);
    }
    const height = Number.parseFloat(taskList().style.height);
    if (top + VIEWPORT >= height) {
      // At the end of the loaded rows: either a page is coming or this is the end.
      if (!screen.queryByText("Loading more tasks…")) return seen;
      await waitFor(() => expect(Number.parseFloat(taskList().style.height)).toBeGreaterThan(height));
    }
    // A screen and the overscan below it: the next screen's rows start where these end.
    top = Math.min(top + VIEWPORT + OVERSCAN_ROWS * ROW_HEIGHT, Number.parseFloat(taskList().style.height) - VIEWPORT);
  }
}

const pad = (n: number) => String(n).padStart(4, "0");

function thousandTasks() {
  return Array.from({ length: 1_000 }, (_, index) =>
    makeTask({ title: `Task ${pad(index + 1)}`, position: index + 1 }),
  );
}

// Scrolling through 1,000 rows a screen at a time renders the list some fifty times: more
// than the default 5 s when the machine is busy.
const LONG = 30_000;

describe("a long task list", () => {
  it("loads a page at a time while scrolling, until every task is listed once, in order", async () => {
    const backend = installFakeBackend({ tasks: thousandTasks() });
    renderApp();
    await screen.findByRole("button", { name: "Task 0001" });
    expect(shownTotal()).toBe(`${(1_000).toLocaleString()} tasks`);
    expect(backend.argsOf("db_get_tasks")).toEqual([{ filter: {} }]);

    const seen = await scrollThrough();

    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    for (const [position, title] of seen) expect(title).toBe(`Task ${pad(position)}`);
    expect(screen.getByRole("button", { name: "Task 1000" }).closest("li")).toHaveAttribute("aria-setsize", "1000");
    expect(screen.queryByText("Loading more tasks…")).not.toBeInTheDocument();
    // The first page, then one page per cursor, each cursor the previous page's `next`.
    const reads = backend.argsOf("db_get_tasks") as { filter: object; page?: { after: string } }[];
    expect(reads).toHaveLength(5);
    expect(reads.slice(1).every((read) => typeof read.page?.after === "string")).toBe(true);
    expect(new Set(reads.map((read) => read.page?.after)).size).toBe(5);
  }, LONG);

  it("pages through the chosen sort", async () => {
    const titles = Array.from({ length: 450 }, (_, index) => `Item ${pad((index * 7919) % 450)}`);
    installFakeBackend({ tasks: titles.map((title) => makeTask({ title })) });
    const { user } = renderApp();
    await screen.findAllByRole("listitem");

    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Title, Z to A");
    await waitFor(() => expect(shownRows()[0]).toEqual([1, "Item 0449"]));
    const seen = await scrollThrough();

    expect([...seen.values()]).toEqual([...titles].sort().reverse());
  }, LONG);

  it("keeps the scroll position, the selection and the loaded rows when a change arrives", async () => {
    const tasks = thousandTasks();
    const backend = installFakeBackend({ tasks });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Task 0001" });
    // Down to row 300: the second page is loaded.
    await scrollTo(299 * ROW_HEIGHT);
    await user.click(await screen.findByRole("button", { name: "Task 0300" }));
    await waitFor(() => expect(backend.argsOf("db_get_tasks")).toHaveLength(2));
    const readsBefore = backend.argsOf("db_get_tasks").length;

    // Another window renames a task near the top and deletes one.
    const renamed = tasks[9];
    if (!renamed) throw new Error("no tenth task");
    renamed.title = "Renamed elsewhere";
    backend.db.tasks = backend.db.tasks.filter((task) => task.title !== "Task 0005");
    const rows: number[] = [];
    const observer = new MutationObserver(() => rows.push(within(taskList()).queryAllByRole("listitem").length));
    observer.observe(taskList(), { childList: true, subtree: true });
    await act(() => emit("tasks:changed", { kind: "updated", ids: [renamed.id] }));

    // Both loaded pages are read again, from the first, and the total follows.
    await waitFor(() => expect(shownTotal()).toBe("999 tasks"));
    observer.disconnect();
    expect(backend.argsOf("db_get_tasks").length - readsBefore).toBe(2);
    expect(scroller().scrollTop).toBe(299 * ROW_HEIGHT);
    expect(screen.getByRole("button", { name: "Task 0300" }).closest("li")).toHaveAttribute("aria-current", "true");
    expect(rows.every((count) => count > 0)).toBe(true);
    await scrollTo(0);
    expect(await screen.findByRole("button", { name: "Renamed elsewhere" })).toBeInTheDocument();
  });

  it("hides a task marked done on a later page at once, and refetches once", async () => {
    const backend = installFakeBackend({ tasks: thousandTasks() });
    renderApp();
    await screen.findByRole("button", { name: "Task 0001" });
    await scrollTo(299 * ROW_HEIGHT);
    const row = (await screen.findByRole("button", { name: "Task 0300" })).closest("li");
    if (!row) throw new Error("no row for Task 0300");
    const reads = backend.argsOf("db_get_tasks").length;

    fireEvent.keyDown(row, { key: "x" });

    await waitFor(() => expect(screen.queryByRole("button", { name: "Task 0300" })).not.toBeInTheDocument());
    await waitFor(() => expect(shownTotal()).toBe("999 tasks"));
    // One refetch of the two loaded pages (from the change event), not one per trigger.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.argsOf("db_get_tasks").length - reads).toBe(2);
    expect(backend.argsOf("db_update_task")).toHaveLength(1);
  });
});
