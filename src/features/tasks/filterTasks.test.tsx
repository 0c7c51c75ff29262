import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeProject, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

function shownTitles(): string[] {
  const list = screen.getByRole("list", { name: "Tasks" });
  return within(list)
    .getAllByRole("listitem")
    .map((row) => row.querySelector(".task-row__title")?.textContent ?? "");
}

const home = makeProject({ name: "Home", color: "#22a06b" });
const tasks = [
  makeTask({ title: "Pay rent", priority: "urgent", tags: ["money"], projectIds: [home.id] }),
  makeTask({ title: "Draft slides", status: "in_progress", priority: "high", tags: ["work"] }),
  makeTask({ title: "Buy milk", description: "oat milk", tags: ["errands"] }),
];

describe("filtering tasks", () => {
  it("sends the chosen status and shows only the matching rows, until cleared", async () => {
    const backend = installFakeBackend({ tasks, projects: [home] });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Pay rent" });
    expect(shownTitles()).toEqual(["Pay rent", "Draft slides", "Buy milk"]);

    await user.selectOptions(screen.getByLabelText("Filter by status"), "In progress");

    await waitFor(() => expect(shownTitles()).toEqual(["Draft slides"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({
      filter: { statuses: ["in_progress"] },
    });
    const chips = screen.getByRole("list", { name: "Active filters" });
    expect(within(chips).getByText("Status: In progress")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Clear filters" }));

    await waitFor(() => expect(shownTitles()).toEqual(["Pay rent", "Draft slides", "Buy milk"]));
    expect(screen.queryByRole("list", { name: "Active filters" })).not.toBeInTheDocument();
    // The unfiltered list comes from the cache: nothing changed since it was fetched.
    expect(backend.argsOf("db_get_tasks")).toEqual([
      { filter: {} },
      { filter: { statuses: ["in_progress"] } },
    ]);
  });

  it("combines priority and tag filters, each removable from its chip", async () => {
    const backend = installFakeBackend({ tasks, projects: [home] });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Pay rent" });

    await user.selectOptions(screen.getByLabelText("Filter by priority"), "Urgent");
    await user.selectOptions(screen.getByLabelText("Filter by priority"), "High");
    await user.type(screen.getByLabelText("Filter by tag"), "work{Enter}");

    await waitFor(() => expect(shownTitles()).toEqual(["Draft slides"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({
      filter: { priorities: ["urgent", "high"], tags: ["work"] },
    });

    await user.click(screen.getByRole("button", { name: "Remove filter Tag: work" }));
    await waitFor(() => expect(shownTitles()).toEqual(["Pay rent", "Draft slides"]));
    expect(backend.argsOf("db_get_tasks")).toEqual([
      { filter: {} },
      { filter: { priorities: ["urgent"] } },
      { filter: { priorities: ["urgent", "high"] } },
      { filter: { priorities: ["urgent", "high"], tags: ["work"] } },
    ]);
  });

  it("debounces the search and sends it once typing pauses", async () => {
    const backend = installFakeBackend({ tasks, projects: [home] });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Pay rent" });

    await user.type(screen.getByLabelText("Search tasks"), "milk");

    await waitFor(() => expect(shownTitles()).toEqual(["Buy milk"]));
    const searches = backend
      .argsOf("db_get_tasks")
      .map((args) => (args as { filter: { search?: string } }).filter.search);
    expect(searches.filter(Boolean)).toEqual(["milk"]);
  });

  it("sends the view: the Inbox and a project", async () => {
    const backend = installFakeBackend({ tasks, projects: [home] });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Pay rent" });

    await user.click(screen.getByRole("button", { name: "Inbox" }));
    await waitFor(() => expect(shownTitles()).toEqual(["Draft slides", "Buy milk"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { inbox: true } });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Inbox");

    await user.click(screen.getByRole("button", { name: "Home" }));
    await waitFor(() => expect(shownTitles()).toEqual(["Pay rent"]));
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { projectIds: [home.id] } });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Home");
  });

  it("says when nothing matches", async () => {
    installFakeBackend({ tasks, projects: [home] });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Pay rent" });

    await user.selectOptions(screen.getByLabelText("Filter by status"), "Blocked");

    expect(await screen.findByText("No tasks match these filters.")).toBeInTheDocument();
  });
});
