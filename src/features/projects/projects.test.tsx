import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeProject, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";
import { A_NEW_ID } from "../../test/matchers";

describe("projects", () => {
  it("creates a project with a colour", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();

    await user.click(await screen.findByRole("button", { name: "New project" }));
    const dialog = screen.getByRole("dialog", { name: "New project" });
    await user.type(within(dialog).getByLabelText("Project name"), "Garden");
    await user.click(within(dialog).getByRole("radio", { name: "Teal" }));
    await user.click(within(dialog).getByRole("button", { name: "Create project" }));

    expect(await screen.findByRole("button", { name: "Garden" })).toBeInTheDocument();
    expect(backend.argsOf("db_create_project")).toEqual([
      { input: { id: A_NEW_ID, name: "Garden", color: "#12a594" } },
    ]);
  });

  it("renames a project and clears its colour", async () => {
    const work = makeProject({ name: "Work", color: "#3b82f6" });
    const backend = installFakeBackend({ projects: [work] });
    const { user } = renderApp();

    await user.click(await screen.findByRole("button", { name: "Edit project Work" }));
    const dialog = screen.getByRole("dialog", { name: "Edit project" });
    await user.clear(within(dialog).getByLabelText("Project name"));
    await user.type(within(dialog).getByLabelText("Project name"), "Day job");
    await user.click(within(dialog).getByRole("radio", { name: "No colour" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("button", { name: "Day job" })).toBeInTheDocument();
    expect(backend.argsOf("db_update_project")).toEqual([
      { id: work.id, patch: { expectedVersion: 1, name: "Day job", color: null } },
    ]);
  });

  it("archives a project into the collapsed Archived section", async () => {
    const old = makeProject({ name: "Old stuff" });
    const backend = installFakeBackend({ projects: [old] });
    const { user } = renderApp();

    await user.click(await screen.findByRole("button", { name: "Edit project Old stuff" }));
    await user.click(screen.getByRole("button", { name: "Archive project" }));

    const toggle = await screen.findByRole("button", { name: "Archived projects" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("button", { name: "Old stuff" })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(screen.getByRole("button", { name: "Old stuff" })).toBeInTheDocument();
    expect(backend.argsOf("db_update_project")).toEqual([
      { id: old.id, patch: { expectedVersion: 1, archived: true } },
    ]);
  });

  it("deletes a project after a confirmation that says its tasks are kept", async () => {
    const work = makeProject({ name: "Work" });
    const task = makeTask({ title: "Send invoice", projectIds: [work.id] });
    const backend = installFakeBackend({ projects: [work], tasks: [task] });
    const { user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "Work" }));
    expect(await screen.findByRole("button", { name: "Send invoice" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Edit project Work" }));
    await user.click(screen.getByRole("button", { name: "Delete project" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete project?" });
    expect(confirm).toHaveTextContent("Its task is kept and only loses this project.");
    await user.click(within(confirm).getByRole("button", { name: "Delete project" }));

    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Work" })).not.toBeInTheDocument(),
    );
    expect(backend.argsOf("db_delete_project")).toEqual([{ id: work.id }]);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("All tasks");
    const row = (await screen.findByRole("button", { name: "Send invoice" })).closest("li");
    expect(row).not.toHaveTextContent("Work");
  });
});
