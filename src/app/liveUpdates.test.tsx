import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import type { ChangeEvent } from "../bindings/ChangeEvent";
import { installFakeBackend, makeProject, makeTask } from "../test/fakeBackend";
import { renderApp } from "../test/renderApp";

// Another window (or the backend) changes the database, then the backend broadcasts an event.
async function broadcast(event: string, payload: ChangeEvent | AppStatus) {
  await act(() => emit(event, payload));
}

describe("live updates", () => {
  it("refetches the task list on tasks:changed", async () => {
    const backend = installFakeBackend({ tasks: [makeTask({ title: "First" })] });
    renderApp();
    await screen.findByRole("button", { name: "First" });

    const added = makeTask({ title: "Added in another window" });
    backend.db.tasks.push(added);
    await broadcast("tasks:changed", { kind: "created", ids: [added.id] });

    expect(
      await screen.findByRole("button", { name: "Added in another window" }),
    ).toBeInTheDocument();
  });

  it("refetches projects and their counts on projects:changed", async () => {
    const backend = installFakeBackend();
    renderApp();
    await screen.findByText("No projects yet. Group tasks by creating one.");

    const garden = makeProject({ name: "Garden" });
    backend.db.projects.push(garden);
    backend.db.tasks.push(makeTask({ title: "Mow", projectIds: [garden.id] }));
    await broadcast("projects:changed", { kind: "created", ids: [garden.id] });

    const item = (await screen.findByRole("button", { name: "Garden" })).closest("li");
    await waitFor(() => expect(item).toHaveTextContent("Garden1"));
  });

  it("applies a theme chosen in another window on settings:changed", async () => {
    const backend = installFakeBackend();
    renderApp();
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-theme", "light"));

    backend.db.settings = { ...backend.db.settings, theme: "dark" };
    await broadcast("settings:changed", { kind: "updated", ids: [] });

    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-theme", "dark"));
  });

  it("shows app:status in the status bar", async () => {
    installFakeBackend({ tasks: [makeTask({ title: "Only one" })] });
    renderApp();
    const bar = screen.getByRole("region", { name: "Status bar" });
    await waitFor(() => expect(bar).toHaveTextContent("1 task"));
    expect(within(bar).getByText("1.5 KB")).toHaveAttribute(
      "title",
      "Database: /home/me/.local/share/app.tasklane.desktop/tasklane.db",
    );
    // Before the main window's page said it was ready, start-up time is not known.
    expect(within(bar).getByText("v0.1.0")).not.toHaveAttribute("title");

    await broadcast("app:status", {
      taskCount: 10_000,
      openTaskCount: 7_500,
      projectCount: 12,
      dbPath: null,
      dbSizeBytes: 5 * 1024 * 1024,
      schemaVersion: "m20261121_000005_create_settings",
      appVersion: "0.1.0",
      startupMs: 850,
      server: null,
    });

    await waitFor(() => expect(bar).toHaveTextContent(`${(10_000).toLocaleString()} tasks`));
    expect(bar).toHaveTextContent(`${(7_500).toLocaleString()} open`);
    expect(bar).toHaveTextContent("12 projects");
    expect(within(bar).getByText("5.0 MB")).toHaveAttribute("title", "In-memory database");
    expect(within(bar).getByText("v0.1.0")).toHaveAttribute("title", "Started in 850 ms");
  });

  it("says whether a team database's changes arrive live, and names the server without its password", async () => {
    installFakeBackend();
    renderApp();
    const bar = screen.getByRole("region", { name: "Status bar" });
    await waitFor(() => expect(bar).toHaveTextContent("0 tasks"));
    const team = (state: "connecting" | "live" | "reconnecting"): AppStatus => ({
      taskCount: 3,
      openTaskCount: 2,
      projectCount: 1,
      dbPath: null,
      dbSizeBytes: 0,
      schemaVersion: "m20261122_000006_add_task_people",
      appVersion: "0.1.0",
      startupMs: 900,
      server: { url: "postgres://alice:***@db.example.org/tasklane", state },
    });

    await broadcast("app:status", team("live"));
    const link = await within(bar).findByRole("status");
    expect(link).toHaveTextContent("Live");
    expect(link).toHaveAttribute("title", "Team database: postgres://alice:***@db.example.org/tasklane");
    expect(bar).not.toHaveTextContent("0 B");

    await broadcast("app:status", team("reconnecting"));
    await waitFor(() => expect(link).toHaveTextContent("Reconnecting…"));
    await broadcast("app:status", team("live"));
    await waitFor(() => expect(link).toHaveTextContent("Live"));
  });
});
