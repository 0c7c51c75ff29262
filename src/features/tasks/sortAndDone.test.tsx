import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

function shownTitles(): string[] {
  const list = screen.getByRole("list", { name: "Tasks" });
  return within(list)
    .getAllByRole("listitem")
    .map((row) => row.querySelector(".task-row__title")?.textContent ?? "");
}

const tasks = [
  makeTask({ title: "Renew passport", position: 1, dueAt: "2026-12-20T00:00:00.000Z", priority: "low" }),
  makeTask({ title: "Call the bank", position: 2, priority: "urgent" }),
  makeTask({ title: "Book flights", position: 3, dueAt: "2026-12-02T00:00:00.000Z", priority: "high" }),
  makeTask({ title: "Old chore", position: 4, status: "done", completedAt: "2026-11-01T00:00:00.000Z" }),
];

describe("sorting the list and showing done tasks", () => {
  it("asks the backend for the chosen order, undated tasks last", async () => {
    const backend = installFakeBackend({ tasks });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Renew passport" });
    expect(shownTitles()).toEqual(["Renew passport", "Call the bank", "Book flights"]);

    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Due date, soonest first");
    await waitFor(() => expect(shownTitles()).toEqual(["Book flights", "Renew passport", "Call the bank"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { sort: "due" } });

    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Priority, most urgent first");
    await waitFor(() => expect(shownTitles()).toEqual(["Call the bank", "Book flights", "Renew passport"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { sort: "priority", descending: true } });
  });

  it("done tasks come from the backend only when Show done is on", async () => {
    const backend = installFakeBackend({ tasks });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Renew passport" });
    expect(shownTitles()).not.toContain("Old chore");
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: {} });

    await user.click(screen.getByRole("button", { name: "Show done tasks" }));
    await waitFor(() => expect(shownTitles()).toContain("Old chore"));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { includeDone: true } });
  });

  it("suggests tags from the whole database, not only the rows on screen", async () => {
    const backend = installFakeBackend({
      tasks: [makeTask({ title: "Visible", tags: ["errands"] }), makeTask({ title: "Done long ago", status: "done", tags: ["taxes"] })],
    });
    renderApp();
    await screen.findByRole("button", { name: "Visible" });
    const input = screen.getByLabelText("Filter by tag");
    const listId = input.getAttribute("list") ?? "";
    await waitFor(() => {
      const options = [...(document.getElementById(listId)?.querySelectorAll("option") ?? [])];
      expect(options.map((option) => option.value)).toEqual(["errands", "taxes"]);
    });
    expect(backend.argsOf("db_get_tags")).toEqual([{ limit: 200 }]);
  });
});
