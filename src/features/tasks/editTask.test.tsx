import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeProject, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

async function openTask(title: string) {
  const view = renderApp();
  await view.user.click(await screen.findByRole("button", { name: title }));
  const panel = screen.getByRole("complementary", { name: "Edit task" });
  await waitFor(() => expect(within(panel).getByLabelText("Title")).toHaveValue(title));
  return { ...view, panel };
}

describe("editing a task", () => {
  it("clears the description by sending null", async () => {
    const task = makeTask({ title: "Write report", description: "Quarterly numbers" });
    const backend = installFakeBackend({ tasks: [task] });
    const { user, panel } = await openTask("Write report");

    const description = within(panel).getByLabelText("Description");
    expect(description).toHaveValue("Quarterly numbers");
    await user.clear(description);
    await user.click(within(panel).getByRole("button", { name: "Save" }));

    await waitFor(() =>
      expect(backend.argsOf("db_update_task")).toEqual([
        { id: task.id, patch: { expectedVersion: 1, description: null } },
      ]),
    );
    expect(backend.db.tasks[0]?.description).toBeNull();
    await waitFor(() => expect(within(panel).getByRole("button", { name: "Save" })).toBeDisabled());
  });

  it("sends only the changed fields, and null for a cleared due date", async () => {
    const work = makeProject({ name: "Work" });
    const task = makeTask({
      title: "Plan trip",
      dueAt: "2026-12-24T00:00:00.000Z",
      tags: ["travel"],
    });
    const backend = installFakeBackend({ tasks: [task], projects: [work] });
    const { user, panel } = await openTask("Plan trip");

    await user.clear(within(panel).getByLabelText("Title"));
    await user.type(within(panel).getByLabelText("Title"), "Plan the trip");
    await user.selectOptions(within(panel).getByLabelText("Status"), "Blocked");
    await user.click(within(panel).getByRole("button", { name: "Clear due date" }));
    await user.type(within(panel).getByLabelText("Tags"), ", family");
    await user.click(
      within(within(panel).getByLabelText("Projects")).getByRole("checkbox", { name: "Work" }),
    );
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() =>
      expect(backend.argsOf("db_update_task")).toEqual([
        {
          id: task.id,
          patch: {
            expectedVersion: 1,
            title: "Plan the trip",
            status: "blocked",
            tags: ["travel", "family"],
            projectIds: [work.id],
            dueAt: null,
          },
        },
      ]),
    );
    expect(await screen.findByRole("button", { name: "Plan the trip" })).toBeInTheDocument();
  });

  it("shows a validation error next to the title and keeps the edit", async () => {
    installFakeBackend({ tasks: [makeTask({ title: "Keep me" })] });
    const { user, panel } = await openTask("Keep me");

    await user.clear(within(panel).getByLabelText("Title"));
    await user.click(within(panel).getByRole("button", { name: "Save" }));

    const title = within(panel).getByLabelText("Title");
    await waitFor(() => expect(title).toHaveAccessibleDescription("Title cannot be empty"));
    expect(title).toHaveValue("");
    expect(screen.getByRole("button", { name: "Keep me" })).toBeInTheDocument();
  });

  it("deletes a task only after confirmation", async () => {
    const task = makeTask({ title: "Old idea" });
    const backend = installFakeBackend({ tasks: [task, makeTask({ title: "Keeper" })] });
    const { user, panel } = await openTask("Old idea");

    await user.click(within(panel).getByRole("button", { name: "Delete task" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete task?" });
    expect(confirm).toHaveTextContent("“Old idea” will be deleted for good.");
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(backend.argsOf("db_delete_task")).toEqual([]);

    await user.click(within(panel).getByRole("button", { name: "Delete task" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );

    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Old idea" })).not.toBeInTheDocument(),
    );
    expect(backend.argsOf("db_delete_task")).toEqual([{ id: task.id }]);
    expect(screen.queryByRole("complementary", { name: "Edit task" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Keeper" })).toBeInTheDocument();
  });
});

describe("changing status from the list", () => {
  it("advances the status with one click", async () => {
    const task = makeTask({ title: "Call the bank" });
    const backend = installFakeBackend({ tasks: [task] });
    const { user } = renderApp();

    await user.click(await screen.findByRole("button", { name: "Status of Call the bank: To do" }));

    expect(
      await screen.findByRole("button", { name: "Status of Call the bank: In progress" }),
    ).toBeInTheDocument();
    expect(backend.argsOf("db_update_task")).toEqual([
      { id: task.id, patch: { expectedVersion: 1, status: "in_progress" } },
    ]);
  });

  it("sets the status with a key on the focused row, hiding done tasks until asked", async () => {
    const task = makeTask({ title: "Water plants" });
    const backend = installFakeBackend({ tasks: [task] });
    const { user } = renderApp();
    const row = await screen.findByRole("button", { name: "Water plants" });

    act(() => row.focus());
    await user.keyboard("5");

    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Water plants" })).not.toBeInTheDocument(),
    );
    expect(backend.argsOf("db_update_task")).toEqual([{ id: task.id, patch: { expectedVersion: 1, status: "done" } }]);
    expect(await screen.findByText(/No open tasks: completed tasks are hidden/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show done tasks" }));
    expect(screen.getByRole("button", { name: "Show done tasks" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(
      screen.getByRole("button", { name: "Status of Water plants: Done" }),
    ).toBeInTheDocument();
  });

  it("moves between rows with the arrow keys, one row in the tab order", async () => {
    installFakeBackend({ tasks: [makeTask({ title: "First" }), makeTask({ title: "Second" })] });
    const { user } = renderApp();
    const first = await screen.findByRole("button", { name: "First" });
    const second = screen.getByRole("button", { name: "Second" });
    expect(first).toHaveAttribute("tabindex", "0");
    expect(second).toHaveAttribute("tabindex", "-1");

    act(() => first.focus());
    await user.keyboard("{ArrowDown}");
    expect(second).toHaveFocus();
    expect(second).toHaveAttribute("tabindex", "0");
    await user.keyboard("k");
    expect(first).toHaveFocus();
  });
});
