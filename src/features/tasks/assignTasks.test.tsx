import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

/** The list row of the task titled `title`. */
function rowOf(title: string): HTMLElement {
  const row = screen.getByRole("button", { name: title }).closest("li");
  if (!row) throw new Error(`no row for ${title}`);
  return row;
}

/** What a row says about its assignee (the hidden words included), or null when it says nothing. */
function assigneeShown(title: string): string | null {
  return rowOf(title).querySelector(".assignee")?.textContent ?? null;
}

function shownTitles(): string[] {
  const list = screen.getByRole("list", { name: "Tasks" });
  return within(list)
    .getAllByRole("listitem")
    .map((row) => row.querySelector(".task-row__title")?.textContent ?? "");
}

async function openTask(title: string) {
  const view = renderApp();
  await view.user.click(await screen.findByRole("button", { name: title }));
  const panel = screen.getByRole("complementary", { name: "Edit task" });
  await waitFor(() => expect(within(panel).getByLabelText("Title")).toHaveValue(title));
  return { ...view, panel, field: within(panel).getByLabelText("Assigned to") };
}

describe("assigning a task", () => {
  it("saves the name typed in the panel, in the spelling already in use, and shows it in the row", async () => {
    const task = makeTask({ title: "Write report" });
    const backend = installFakeBackend({
      tasks: [
        task,
        makeTask({ title: "Book venue", assignee: "Zoë" }),
        makeTask({ title: "Call Ana", assignee: "Ana" }),
      ],
    });
    const { user, panel, field } = await openTask("Write report");
    expect(field).toHaveValue("");
    expect(assigneeShown("Book venue")).toBe("Assigned to @Zoë");
    expect(assigneeShown("Write report")).toBeNull();
    // The names of the tasks in the list are suggested.
    const suggestions = document.getElementById(field.getAttribute("list") ?? "");
    expect([...(suggestions?.querySelectorAll("option") ?? [])].map((option) => option.value)).toEqual([
      "Ana",
      "Zoë",
    ]);

    await user.type(field, " zoë ");
    await user.click(within(panel).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(assigneeShown("Write report")).toBe("Assigned to @Zoë"));
    expect(backend.argsOf("db_update_task")).toEqual([
      { id: task.id, patch: { expectedVersion: 1, assignee: "zoë" } },
    ]);
    expect(backend.db.tasks[0]?.assignee).toBe("Zoë");
    await waitFor(() => expect(field).toHaveValue("Zoë"));
    expect(within(panel).getByRole("button", { name: "Save" })).toBeDisabled();
  });

  it("unassigns by sending null when the field is emptied", async () => {
    const task = makeTask({ title: "Water plants", assignee: "Ana" });
    const backend = installFakeBackend({ tasks: [task] });
    const { user, panel, field } = await openTask("Water plants");
    expect(field).toHaveValue("Ana");
    expect(assigneeShown("Water plants")).toBe("Assigned to @Ana");

    await user.clear(field);
    await user.click(within(panel).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(assigneeShown("Water plants")).toBeNull());
    expect(backend.argsOf("db_update_task")).toEqual([
      { id: task.id, patch: { expectedVersion: 1, assignee: null } },
    ]);
    expect(backend.db.tasks[0]?.assignee).toBeNull();
  });

  it("shows a name that is too long as an error next to the field, and changes nothing", async () => {
    const task = makeTask({ title: "Plan trip", assignee: "Ana" });
    const backend = installFakeBackend({ tasks: [task] });
    const { user, panel, field } = await openTask("Plan trip");

    await user.clear(field);
    await user.type(field, "x".repeat(51));
    await user.click(within(panel).getByRole("button", { name: "Save" }));

    await waitFor(() =>
      expect(field).toHaveAccessibleDescription("The assignee is too long (at most 50 characters)"),
    );
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveValue("x".repeat(51));
    expect(backend.db.tasks[0]).toMatchObject({ assignee: "Ana", version: 1 });
    expect(assigneeShown("Plan trip")).toBe("Assigned to @Ana");

    // Editing the field again takes its error away.
    await user.type(field, "{Backspace}");
    expect(field).not.toHaveAccessibleDescription();
  });

  it("says who created the task, when that is known", async () => {
    installFakeBackend({
      tasks: [makeTask({ title: "New", createdBy: "zoe" }), makeTask({ title: "Old", createdBy: null })],
    });
    const { user, panel } = await openTask("New");
    expect(within(panel).getByText(/^Created /)).toHaveTextContent(/^Created by zoe, /);

    await user.click(screen.getByRole("button", { name: "Old" }));
    const oldPanel = screen.getByRole("complementary", { name: "Edit task" });
    await waitFor(() => expect(within(oldPanel).getByLabelText("Title")).toHaveValue("Old"));
    expect(within(oldPanel).getByText(/^Created /)).not.toHaveTextContent(/by/);
  });
});

describe("filtering by assignee", () => {
  const tasks = [
    makeTask({ title: "Book venue", assignee: "Zoë" }),
    makeTask({ title: "Call Ana", assignee: "Ana" }),
    makeTask({ title: "Send invites", assignee: "Zoë" }),
    makeTask({ title: "Buy cake" }),
  ];

  it("lists only that person's tasks, whatever the case typed, until cleared", async () => {
    const backend = installFakeBackend({ tasks });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Book venue" });
    expect(shownTitles()).toEqual(["Book venue", "Call Ana", "Send invites", "Buy cake"]);

    await user.type(screen.getByLabelText("Filter by assignee"), "ZOË");

    await waitFor(() => expect(shownTitles()).toEqual(["Book venue", "Send invites"]));
    // Sent once typing pauses, like the search.
    const sent = backend
      .argsOf("db_get_tasks")
      .map((args) => (args as { filter: { assignee?: string } }).filter.assignee);
    expect(sent.filter(Boolean)).toEqual(["ZOË"]);
    expect(backend.argsOf("db_get_tasks").at(-1)).toEqual({ filter: { assignee: "ZOË" } });
    const chips = screen.getByRole("list", { name: "Active filters" });
    expect(within(chips).getByText("Assigned to: ZOË")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Clear filters" }));

    await waitFor(() =>
      expect(shownTitles()).toEqual(["Book venue", "Call Ana", "Send invites", "Buy cake"]),
    );
    expect(screen.getByLabelText("Filter by assignee")).toHaveValue("");
  });

  it("says when nobody by that name has a task", async () => {
    installFakeBackend({ tasks });
    const { user } = renderApp();
    await screen.findByRole("button", { name: "Book venue" });

    await user.type(screen.getByLabelText("Filter by assignee"), "Zo");

    expect(await screen.findByText("No tasks match these filters.")).toBeInTheDocument();
  });
});
