import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeProject } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";
import { A_NEW_ID } from "../../test/matchers";

describe("creating a task", () => {
  it("creates the task from the New task dialog and lists it", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    expect(await screen.findByText("No tasks yet — press N to add one.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "New task" }));
    const dialog = screen.getByRole("dialog", { name: "New task" });
    expect(within(dialog).getByLabelText("Title")).toHaveFocus();
    await user.type(within(dialog).getByLabelText("Title"), "Buy milk");
    await user.type(within(dialog).getByLabelText("Description"), "Oat, two cartons");
    await user.selectOptions(within(dialog).getByLabelText("Priority"), "High");
    await user.type(within(dialog).getByLabelText("Tags"), "errands, home");
    await user.type(within(dialog).getByLabelText("Due date"), "2026-12-01");
    await user.click(within(dialog).getByRole("button", { name: "Create task" }));

    expect(await screen.findByRole("button", { name: "Buy milk" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.argsOf("db_create_task")).toEqual([
      {
        input: {
          id: A_NEW_ID,
          title: "Buy milk",
          description: "Oat, two cartons",
          status: "todo",
          priority: "high",
          tags: ["errands", "home"],
          dueAt: "2026-12-01T00:00:00.000Z",
        },
      },
    ]);
  });

  it("opens with N, files the task in the current project, and submits with Ctrl+Enter", async () => {
    const home = makeProject({ name: "Home", color: "#22a06b" });
    const backend = installFakeBackend({ projects: [home] });
    const { user } = renderApp();
    await user.click(await screen.findByRole("button", { name: "Home" }));

    await user.keyboard("n");
    const dialog = screen.getByRole("dialog", { name: "New task" });
    expect(
      within(within(dialog).getByLabelText("Projects")).getByRole("checkbox", { name: "Home" }),
    ).toBeChecked();
    await user.type(within(dialog).getByLabelText("Title"), "Fix the tap");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(backend.argsOf("db_create_task")).toEqual([
      {
        input: {
          id: A_NEW_ID,
          title: "Fix the tap",
          status: "todo",
          priority: "none",
          projectIds: [home.id],
        },
      },
    ]);
  });

  it("closes with Escape without creating anything", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    await screen.findByText("No tasks yet — press N to add one.");

    await user.keyboard("n");
    await user.type(screen.getByLabelText("Title"), "Never mind");
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.argsOf("db_create_task")).toEqual([]);
  });

  it("ignores N while typing in a field", async () => {
    installFakeBackend();
    const { user } = renderApp();

    await user.type(await screen.findByLabelText("Search tasks"), "new");

    expect(screen.getByLabelText("Search tasks")).toHaveValue("new");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows the backend's validation message next to the field it names", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();

    await user.click(await screen.findByRole("button", { name: "New task" }));
    const dialog = screen.getByRole("dialog", { name: "New task" });
    await user.click(within(dialog).getByRole("button", { name: "Create task" }));

    const title = within(dialog).getByLabelText("Title");
    await waitFor(() => expect(title).toHaveAccessibleDescription("Title cannot be empty"));
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(backend.argsOf("db_create_task")).toEqual([
      { input: { id: A_NEW_ID, title: "", status: "todo", priority: "none" } },
    ]);

    await user.type(title, "Now with a title");
    expect(title).not.toHaveAccessibleDescription("Title cannot be empty");
    expect(title).toHaveAttribute("aria-invalid", "false");
  });

  it("shows any other failure as a readable message in the dialog", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    backend.failNext("db_create_task", { code: "DATABASE", message: "database is locked" });

    await user.click(await screen.findByRole("button", { name: "New task" }));
    const dialog = screen.getByRole("dialog", { name: "New task" });
    await user.type(within(dialog).getByLabelText("Title"), "Buy milk");
    await user.click(within(dialog).getByRole("button", { name: "Create task" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Creating the task failed: database is locked",
    );
  });
});
