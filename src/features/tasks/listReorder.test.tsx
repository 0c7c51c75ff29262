import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { dragTestsSetup, press } from "../../test/dragLayout";
import { renderApp } from "../../test/renderApp";

dragTestsSetup();

function shownTitles(): string[] {
  return within(screen.getByRole("list", { name: "Tasks" }))
    .getAllByRole("listitem")
    .map((row) => row.querySelector(".task-row__title")?.textContent ?? "");
}

function handles(): HTMLElement[] {
  return screen.queryAllByRole("button", { name: /^Reorder / });
}

const first = makeTask({ title: "Call Anna", position: 1000 });
const second = makeTask({ title: "Buy milk", position: 2000, dueAt: "2026-12-01T00:00:00.000Z" });
const third = makeTask({ title: "Pay rent", position: 3000 });

describe("reordering the list by hand", () => {
  it("offers a handle on each row only while the list is in manual order", async () => {
    installFakeBackend({ tasks: [first, second, third].map((task) => structuredClone(task)) });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Call Anna" });
    expect(handles().map((handle) => handle.getAttribute("aria-label"))).toEqual([
      "Reorder Call Anna",
      "Reorder Buy milk",
      "Reorder Pay rent",
    ]);

    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Due date, soonest first");
    await waitFor(() => expect(shownTitles()[0]).toBe("Buy milk"));
    expect(handles()).toEqual([]);

    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Manual order");
    await waitFor(() => expect(handles()).toHaveLength(3));
  });

  it("moves a row with the keyboard: Space, arrows, Space", async () => {
    const backend = installFakeBackend({ tasks: [first, second, third].map((task) => structuredClone(task)) });
    renderApp();
    await screen.findByRole("button", { name: "Call Anna" });
    // The list's read after the move never answers: what shows is the drop's own update.
    backend.hangNext("db_get_tasks", 5);

    screen.getByRole("button", { name: "Reorder Call Anna" }).focus();
    await press("Space");
    await press("ArrowDown");
    await press("ArrowDown");
    // The arrows moved the task, not the focus to another row.
    expect(document.activeElement).toHaveAccessibleName("Reorder Call Anna");
    await press("Space");

    expect(backend.argsOf("db_move_task")).toEqual([{ id: first.id, to: { after: third.id } }]);
    expect(shownTitles()).toEqual(["Buy milk", "Pay rent", "Call Anna"]);
    expect(screen.getByText("Call Anna was moved after Pay rent.")).toBeInTheDocument();
    await waitFor(() => expect(backend.db.tasks.find((task) => task.id === first.id)?.position).toBeGreaterThan(3000));
  });
});
