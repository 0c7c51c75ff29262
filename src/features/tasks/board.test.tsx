import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Task } from "../../bindings/Task";
import { UI_READY } from "../../ipc";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { CARD, COLUMN, dragTestsSetup, press } from "../../test/dragLayout";
import { renderApp } from "../../test/renderApp";

dragTestsSetup();

function column(name: string): HTMLElement {
  return screen.getByRole("region", { name });
}

/** The titles of a column's cards, top to bottom. */
function cards(name: string): string[] {
  return [...column(name).querySelectorAll(".board-card__title")].map((title) => title.textContent ?? "");
}

function count(name: string): string {
  return column(name).querySelector(".board-column__count")?.textContent ?? "";
}

// Seeded out of order: the board shows the manual order (position), not the seed's.
const payRent = makeTask({ title: "Pay rent", position: 5000 });
const callAnna = makeTask({ title: "Call Anna", position: 1000, priority: "high", tags: ["family"] });
const buyMilk = makeTask({ title: "Buy milk", position: 3000, dueAt: "2026-12-02T00:00:00.000Z" });
const fixBike = makeTask({ title: "Fix bike", status: "in_progress", position: 4000 });
const writeReport = makeTask({ title: "Write report", status: "in_progress", position: 2000 });
const sortPhotos = makeTask({ title: "Sort photos", status: "backlog", position: 6000 });
const oldChore = makeTask({ title: "Old chore", status: "done", position: 7000, completedAt: "2026-11-01T00:00:00.000Z" });

function seed(): Task[] {
  return [payRent, callAnna, buyMilk, fixBike, writeReport, sortPhotos, oldChore].map((task) => structuredClone(task));
}

async function showBoard(tasks: Task[] = seed()) {
  const backend = installFakeBackend({ tasks });
  const app = renderApp();
  await app.user.click(await screen.findByRole("radio", { name: "Board" }));
  await waitFor(() => expect(cards("To do").length).toBeGreaterThan(0));
  return { backend, ...app };
}

/** Focuses the drag handle of a card. */
function grab(title: string) {
  screen.getByRole("button", { name: `Reorder ${title}` }).focus();
}

type Arrow = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight";

/** Picks a card up by its handle with Space, presses the arrows, and drops it with Space. */
async function moveByKeyboard(title: string, ...arrows: Arrow[]) {
  grab(title);
  await press("Space");
  for (const arrow of arrows) await press(arrow);
  await press("Space");
}

describe("the board", () => {
  it("replaces the list when Board is chosen, and each list remembers its layout", async () => {
    installFakeBackend({ tasks: seed() });
    const { user, unmount } = renderApp();
    await screen.findByRole("button", { name: "Call Anna" });
    expect(screen.getByRole("radio", { name: "List" })).toBeChecked();
    expect(screen.queryByRole("region", { name: "To do" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "Board" }));

    await screen.findByRole("region", { name: "To do" });
    const columns = screen.getAllByRole("region").filter((region) => region.matches(".board-column"));
    expect(columns.map((region) => region.getAttribute("aria-label"))).toEqual([
      "Backlog",
      "To do",
      "In progress",
      "Blocked",
      "Done",
    ]);
    expect(screen.queryByRole("list", { name: "Tasks" })).not.toBeInTheDocument();
    // The Inbox has its own layout, still a list.
    await user.click(screen.getByRole("button", { name: /^Inbox/ }));
    expect(await screen.findByRole("list", { name: "Tasks" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "List" })).toBeChecked();

    unmount();
    const backend = installFakeBackend({ tasks: seed() });
    renderApp();
    // A new window opens on All tasks, as a board, and is shown once its columns are in.
    expect(await screen.findByRole("region", { name: "To do" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Board" })).toBeChecked();
    await waitFor(() => expect(backend.uiReady).toEqual([{ label: "main" }]));
  });

  it("asks for its window to be shown once every column has its first page", async () => {
    localStorage.setItem("tasklane.layout.all", "board");
    // What the columns hold at the moment the page says it is ready (useUiReady leaves a mark then).
    const atReady: string[][] = [];
    const mark = performance.mark.bind(performance);
    vi.spyOn(performance, "mark").mockImplementation((name, options) => {
      if (name === UI_READY) atReady.push(["Backlog", "To do", "In progress", "Done"].flatMap(cards));
      return mark(name, options);
    });
    const backend = installFakeBackend({ tasks: seed() });
    renderApp();

    await waitFor(() => expect(backend.uiReady).toEqual([{ label: "main" }]));
    expect(atReady).toEqual([["Sort photos", "Call Anna", "Buy milk", "Pay rent", "Write report", "Fix bike", "Old chore"]]);
  });

  it("shows each status's count and its cards in the manual order, each column read a page at a time", async () => {
    const { backend } = await showBoard();

    expect(cards("To do")).toEqual(["Call Anna", "Buy milk", "Pay rent"]);
    expect(cards("In progress")).toEqual(["Write report", "Fix bike"]);
    expect(cards("Backlog")).toEqual(["Sort photos"]);
    expect(cards("Blocked")).toEqual([]);
    expect(within(column("Blocked")).getByText("No tasks")).toBeInTheDocument();
    expect(count("To do")).toBe("3 tasks");
    expect(count("In progress")).toBe("2 tasks");
    await waitFor(() => expect(count("Done")).toBe("1 task"));
    // The card shows the row's details: priority, tags, due date.
    const card = within(column("To do")).getByRole("button", { name: "Call Anna" }).closest("li");
    expect(card).toHaveTextContent("#family");
    expect(card).toHaveTextContent("High");
    expect(within(column("To do")).getByText("Buy milk").closest("li")?.querySelector("time")).toHaveAttribute(
      "datetime",
      "2026-12-02T00:00:00.000Z",
    );
    expect(backend.argsOf("db_get_tasks")).toContainEqual({
      filter: { statuses: ["todo"], sort: "manual" },
      page: { limit: 50 },
    });
    expect(backend.argsOf("db_get_tasks")).toContainEqual({
      filter: { statuses: ["done"], sort: "updated", descending: true, includeDone: true },
      page: { limit: 50 },
    });
  });

  it("shows the newest 50 done tasks, and more on Show more", async () => {
    const done = Array.from({ length: 60 }, (_, index) =>
      makeTask({
        title: `Done ${String(index + 1).padStart(2, "0")}`,
        status: "done",
        completedAt: "2026-11-01T00:00:00.000Z",
        updatedAt: `2026-11-01T10:${String(index).padStart(2, "0")}:00.000Z`,
      }),
    );
    const { user } = await showBoard([...seed(), ...done]);

    await waitFor(() => expect(cards("Done")).toHaveLength(50));
    expect(count("Done")).toBe("61 tasks");
    // Newest first: the seed's done task was changed last, then Done 60, 59, …
    expect(cards("Done").slice(0, 3)).toEqual(["Old chore", "Done 60", "Done 59"]);
    await user.click(within(column("Done")).getByRole("button", { name: "Show more" }));

    await waitFor(() => expect(cards("Done")).toHaveLength(61));
    expect(cards("Done").at(-1)).toBe("Done 01");
    expect(within(column("Done")).queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("reads a column's next page when it is scrolled near its end", async () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      makeTask({ title: `Errand ${String(index + 1).padStart(3, "0")}`, position: 10_000 + index }),
    );
    const { backend } = await showBoard(many);
    await waitFor(() => expect(cards("To do")).toHaveLength(50));
    const body = column("To do").querySelector<HTMLElement>(".board-column__body");
    if (!body) throw new Error("the column has no body");
    const scrollTo = async (top: number) => {
      Object.defineProperty(body, "scrollHeight", { configurable: true, value: 3_000 });
      Object.defineProperty(body, "scrollTop", { configurable: true, writable: true, value: top });
      await act(async () => {
        body.dispatchEvent(new Event("scroll"));
        await Promise.resolve();
      });
    };

    // jsdom gives every element a 720 px high box (test/setup.ts): 3,000 - 1,000 - 720 is far from the end.
    await scrollTo(1_000);
    expect(cards("To do")).toHaveLength(50);
    await scrollTo(2_100);

    await waitFor(() => expect(cards("To do")).toHaveLength(100));
    expect(count("To do")).toBe("120 tasks");
    const reads = backend.argsOf("db_get_tasks") as { filter: { statuses?: string[] }; page?: { after?: string } }[];
    expect(reads.filter((read) => read.filter.statuses?.[0] === "todo" && read.page?.after)).toHaveLength(1);
  });

  it("keeps one card per column in the tab order, the arrows moving the focus between cards", async () => {
    const { backend } = await showBoard();
    const tabbable = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.tabIndex === 0);
    expect(tabbable(".board-card__title").map((title) => title.textContent)).toEqual([
      "Sort photos",
      "Call Anna",
      "Write report",
      "Old chore",
    ]);
    expect(tabbable(".drag-handle")).toHaveLength(4);

    within(column("To do")).getByRole("button", { name: "Call Anna" }).focus();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "ArrowDown", code: "ArrowDown" });
    expect(document.activeElement).toHaveAccessibleName("Buy milk");
    expect(tabbable(".board-card__title").map((title) => title.textContent)).toContain("Buy milk");
    expect(tabbable(".board-card__title").map((title) => title.textContent)).not.toContain("Call Anna");

    // On a handle that has not picked its card up, the arrows move the focus too.
    screen.getByRole("button", { name: "Reorder Buy milk" }).focus();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "End", code: "End" });
    expect(document.activeElement).toHaveAccessibleName("Reorder Pay rent");
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "ArrowUp", code: "ArrowUp" });
    expect(document.activeElement).toHaveAccessibleName("Reorder Buy milk");
    expect(backend.argsOf("db_move_task")).toEqual([]);
  });

  it("opens a card's task on click", async () => {
    const { user } = await showBoard();
    await user.click(within(column("To do")).getByRole("button", { name: "Buy milk" }));
    expect(await screen.findByRole("textbox", { name: "Title" })).toHaveValue("Buy milk");
  });

  it("moves a card down its column with the keyboard", async () => {
    const { backend } = await showBoard();

    grab("Call Anna");
    await press("Space");
    expect(await screen.findByText("Picked up Call Anna.")).toBeInTheDocument();
    await press("ArrowDown");
    // The arrow moved the card, not the focus to the next card.
    expect(document.activeElement).toHaveAccessibleName("Reorder Call Anna");
    await press("Space");

    expect(backend.argsOf("db_move_task")).toEqual([{ id: callAnna.id, to: { after: buyMilk.id, before: payRent.id } }]);
    expect(cards("To do")).toEqual(["Buy milk", "Call Anna", "Pay rent"]);
    expect(screen.getByText("Call Anna was moved before Pay rent.")).toBeInTheDocument();
    // The change event's refetch agrees with what the drop showed.
    await waitFor(() => expect(backend.argsOf("db_get_tasks").length).toBeGreaterThan(5));
    await waitFor(() => expect(cards("To do")).toEqual(["Buy milk", "Call Anna", "Pay rent"]));
  });

  it("moves a card into the next column with the keyboard, between the cards there", async () => {
    const { backend } = await showBoard();
    // The columns' reads after the move never answer: what shows is the drop's own update.
    backend.hangNext("db_get_tasks", 10);

    await moveByKeyboard("Call Anna", "ArrowRight", "ArrowDown");

    expect(backend.argsOf("db_move_task")).toEqual([
      { id: callAnna.id, to: { after: writeReport.id, before: fixBike.id, status: "in_progress" } },
    ]);
    expect(cards("In progress")).toEqual(["Write report", "Call Anna", "Fix bike"]);
    expect(cards("To do")).toEqual(["Buy milk", "Pay rent"]);
    expect(count("To do")).toBe("2 tasks");
    expect(count("In progress")).toBe("3 tasks");
    expect(screen.getByText("Call Anna was moved into In progress before Fix bike.")).toBeInTheDocument();
    await waitFor(() => expect(backend.db.tasks.find((task) => task.id === callAnna.id)?.status).toBe("in_progress"));
  });

  it("drops a card into an empty column", async () => {
    const { backend } = await showBoard();
    backend.hangNext("db_get_tasks", 10);

    await moveByKeyboard("Pay rent", "ArrowRight", "ArrowRight");

    expect(backend.argsOf("db_move_task")).toEqual([{ id: payRent.id, to: { status: "blocked" } }]);
    expect(cards("Blocked")).toEqual(["Pay rent"]);
    expect(screen.getByText("Pay rent was moved into Blocked.")).toBeInTheDocument();
  });

  it("puts a card dropped into done first there, and last in the manual order", async () => {
    const { backend } = await showBoard();
    backend.hangNext("db_get_tasks", 10);

    await moveByKeyboard("Fix bike", "ArrowRight", "ArrowRight");

    expect(backend.argsOf("db_move_task")).toEqual([{ id: fixBike.id, to: { status: "done" } }]);
    expect(cards("Done")).toEqual(["Fix bike", "Old chore"]);
    expect(count("Done")).toBe("2 tasks");
    await waitFor(() => expect(backend.db.tasks.find((task) => task.id === fixBike.id)?.completedAt).not.toBeNull());
    const order = [...backend.db.tasks].sort((a, b) => a.position - b.position).map((task) => task.title);
    expect(order.at(-1)).toBe("Fix bike");
  });

  it("moves a card dragged with the mouse, between the cards where it is let go", async () => {
    const { backend } = await showBoard();
    const card = within(column("To do")).getByRole("button", { name: "Call Anna" }).closest("li");
    if (!card) throw new Error("no card for Call Anna");
    // Boxes as test/dragLayout.ts lays them out: To do is the 2nd column, In progress the 3rd.
    const step = { x: COLUMN.width + COLUMN.gap, y: CARD.height + CARD.gap };
    const start = { clientX: step.x + COLUMN.width / 2, clientY: CARD.top + CARD.height / 2 };
    const pointer = async (type: "pointerMove" | "pointerUp", dx: number, dy: number) => {
      await act(async () => {
        fireEvent[type](document, { isPrimary: true, clientX: start.clientX + dx, clientY: start.clientY + dy });
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    };

    fireEvent.pointerDown(card, { isPrimary: true, button: 0, ...start });
    await pointer("pointerMove", 3, 0);
    // Not yet a drag: a press that moves less than 5 px can still be a click.
    expect(document.querySelector(".board-card--placeholder")).toBeNull();
    await pointer("pointerMove", 10, 0);
    expect(await screen.findByText("Picked up Call Anna.")).toBeInTheDocument();
    // Onto the second card of In progress (Fix bike): it goes before it.
    await pointer("pointerMove", step.x, step.y);
    await pointer("pointerUp", step.x, step.y);

    expect(backend.argsOf("db_move_task")).toEqual([
      { id: callAnna.id, to: { after: writeReport.id, before: fixBike.id, status: "in_progress" } },
    ]);
    expect(cards("In progress")).toEqual(["Write report", "Call Anna", "Fix bike"]);
  });

  it("cancels on Escape: nothing moves and nothing is sent", async () => {
    const { backend } = await showBoard();

    grab("Call Anna");
    await press("Space");
    await press("ArrowRight");
    await press("Escape");

    expect(screen.getByText("Moving was cancelled.")).toBeInTheDocument();
    expect(cards("To do")).toEqual(["Call Anna", "Buy milk", "Pay rent"]);
    expect(cards("In progress")).toEqual(["Write report", "Fix bike"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.argsOf("db_move_task")).toEqual([]);
  });

  it("puts the card back and shows the error when the move fails", async () => {
    const { backend } = await showBoard();
    backend.failNext("db_move_task", { code: "DATABASE", message: "The database is busy" });

    await moveByKeyboard("Call Anna", "ArrowRight");

    expect(await screen.findByRole("alert")).toHaveTextContent("Moving the task failed: The database is busy");
    expect(cards("To do")).toEqual(["Call Anna", "Buy milk", "Pay rent"]);
    expect(cards("In progress")).toEqual(["Write report", "Fix bike"]);
    expect(count("To do")).toBe("3 tasks");
    expect(backend.argsOf("db_move_task")).toHaveLength(1);
  });

  it("reads the columns again when a move is refused because they are out of date", async () => {
    const { backend } = await showBoard();
    // Another window deleted Write report; its event did not reach this one.
    backend.db.tasks = backend.db.tasks.filter((task) => task.id !== writeReport.id);
    const reads = backend.argsOf("db_get_tasks").length;

    await moveByKeyboard("Call Anna", "ArrowRight");

    expect(await screen.findByRole("alert")).toHaveTextContent(`Task ${writeReport.id} does not exist`);
    await waitFor(() => expect(cards("In progress")).toEqual(["Fix bike"]));
    expect(cards("To do")).toEqual(["Call Anna", "Buy milk", "Pay rent"]);
    expect(backend.argsOf("db_get_tasks").length - reads).toBeGreaterThanOrEqual(5);
  });
});
