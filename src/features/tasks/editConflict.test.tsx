import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

/** The task open in the edit panel, with its description edited but not saved. */
async function editDescription(typed: string) {
  const task = makeTask({ title: "Write report", description: "draft", version: 1 });
  const backend = installFakeBackend({ tasks: [task] });
  const view = renderApp();
  await view.user.click(await screen.findByRole("button", { name: "Write report" }));
  const panel = screen.getByRole("complementary", { name: "Edit task" });
  const description = within(panel).getByLabelText("Description");
  await waitFor(() => expect(description).toHaveValue("draft"));
  await view.user.clear(description);
  await view.user.type(description, typed);
  return { ...view, backend, panel, task };
}

/** Another window saves the task: new title, version 2. */
function changeElsewhere(backend: ReturnType<typeof installFakeBackend>) {
  const stored = backend.db.tasks[0];
  if (!stored) throw new Error("no task");
  Object.assign(stored, { title: "Write the annual report", version: 2 });
}

describe("a task changed in another window while it is edited here", () => {
  it("a refused save offers Overwrite, which sends only this edit against the newer version", async () => {
    const { user, backend, panel, task } = await editDescription("mine");
    changeElsewhere(backend);

    await user.click(within(panel).getByRole("button", { name: "Save" }));
    const banner = await within(panel).findByRole("alert");
    expect(banner).toHaveTextContent("Changed in another window");

    await user.click(within(banner).getByRole("button", { name: "Overwrite" }));
    await waitFor(() => expect(within(panel).queryByRole("alert")).not.toBeInTheDocument());
    expect(backend.argsOf("db_update_task")).toEqual([
      { id: task.id, patch: { expectedVersion: 1, description: "mine" } },
      { id: task.id, patch: { expectedVersion: 2, description: "mine" } },
    ]);
    expect(backend.db.tasks[0]).toMatchObject({
      title: "Write the annual report",
      description: "mine",
      version: 3,
    });
  });

  it("Reload drops this edit and shows the other window's version", async () => {
    const { user, backend, panel } = await editDescription("mine");
    changeElsewhere(backend);

    await user.click(within(panel).getByRole("button", { name: "Save" }));
    const banner = await within(panel).findByRole("alert");
    await user.click(within(banner).getByRole("button", { name: "Reload" }));

    await waitFor(() => expect(within(panel).getByLabelText("Title")).toHaveValue("Write the annual report"));
    expect(within(panel).getByLabelText("Description")).toHaveValue("draft");
    expect(within(panel).queryByRole("alert")).not.toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Save" })).toBeDisabled();
    expect(backend.argsOf("db_update_task")).toHaveLength(1);
  });

  it("says so as soon as the other window's change arrives, before any save", async () => {
    const { backend, panel, task } = await editDescription("mine");
    expect(within(panel).queryByRole("alert")).not.toBeInTheDocument();

    changeElsewhere(backend);
    await act(() => emit("tasks:changed", { kind: "updated", ids: [task.id] }));

    expect(await within(panel).findByRole("alert")).toHaveTextContent("Changed in another window");
    expect(within(panel).getByLabelText("Description")).toHaveValue("mine");
    expect(backend.argsOf("db_update_task")).toEqual([]);
  });

  it("an edit not yet started simply follows the other window", async () => {
    const task = makeTask({ title: "Write report", version: 1 });
    const backend = installFakeBackend({ tasks: [task] });
    const { user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "Write report" }));
    const panel = screen.getByRole("complementary", { name: "Edit task" });

    changeElsewhere(backend);
    await act(() => emit("tasks:changed", { kind: "updated", ids: [task.id] }));

    await waitFor(() => expect(within(panel).getByLabelText("Title")).toHaveValue("Write the annual report"));
    expect(within(panel).queryByRole("alert")).not.toBeInTheDocument();
  });
});
