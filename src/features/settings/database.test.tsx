import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppStatus } from "../../bindings/AppStatus";
import { installFakeBackend } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";
import { serverUrl } from "./DatabaseSection";

async function openDatabaseSettings() {
  const backend = installFakeBackend();
  const { user } = renderApp();
  await user.click(screen.getByRole("button", { name: "Settings" }));
  const dialog = screen.getByRole("dialog", { name: "Settings" });
  const section = within(dialog).getByRole("group", { name: "Database" });
  return { backend, user, section };
}

const SECRET = "p@ss:w/rd#1";

describe("Settings → Database", () => {
  it("builds a server URL with the password and every part encoded", () => {
    const url = serverUrl({
      host: " db.example.org ",
      port: "5433",
      database: "team",
      user: "ana",
      password: SECRET,
      sslmode: "require",
    });
    expect(url).toBe("postgres://ana:p%40ss%3Aw%2Frd%231@db.example.org:5433/team?sslmode=require");
  });

  it("says which database is open now", async () => {
    const { section } = await openDatabaseSettings();
    expect(
      await within(section).findByText(
        "Open now: This computer: /home/me/.local/share/app.tasklane.desktop/tasklane.db",
      ),
    ).toBeInTheDocument();
    const team: AppStatus = {
      taskCount: 0,
      openTaskCount: 0,
      projectCount: 0,
      dbPath: null,
      dbSizeBytes: 0,
      schemaVersion: "m20261122_000006_add_task_people",
      appVersion: "0.1.0",
      startupMs: null,
      server: { url: "postgres://ana:***@db.example.org/tasklane", state: "reconnecting" },
    };
    await act(() => emit("app:status", team));
    expect(
      await within(section).findByText(
        "Open now: Team server: postgres://ana:***@db.example.org/tasklane (Reconnecting…)",
      ),
    ).toBeInTheDocument();
  });

  it("tests a connection, shows what it found, switches, and restarts", async () => {
    const { backend, user, section } = await openDatabaseSettings();
    await user.click(within(section).getByRole("radio", { name: "Team server (PostgreSQL)" }));
    await user.type(within(section).getByLabelText("Server"), "db.example.org");
    await user.type(within(section).getByLabelText("User"), "ana");
    await user.type(within(section).getByLabelText("Password"), SECRET);
    await user.selectOptions(within(section).getByLabelText("TLS (sslmode)"), "require");
    const url = "postgres://ana:p%40ss%3Aw%2Frd%231@db.example.org:5432/tasklane?sslmode=require";
    backend.db.databases.set(url, {
      url: "postgres://ana:***@db.example.org:5432/tasklane?sslmode=require",
      schema: "empty",
      serverVersion: "15.18",
    });

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(
      await within(section).findByText(
        "Connected to PostgreSQL 15.18. The database is empty: Tasklane sets it up when it opens it.",
      ),
    ).toBeInTheDocument();
    expect(backend.argsOf("app_check_database")).toEqual([{ url }]);
    expect(backend.db.chosenDatabase).toBeUndefined();

    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    await waitFor(() => expect(backend.db.chosenDatabase).toBe(url));
    await user.click(await within(section).findByRole("button", { name: "Restart now" }));
    await waitFor(() => expect(backend.db.restarts).toBe(1));
    expect(document.body.textContent).not.toContain("p@ss");
  });

  it("shows why a connection fails, next to the form, and saves nothing", async () => {
    const { backend, user, section } = await openDatabaseSettings();
    await user.click(within(section).getByRole("radio", { name: "Team server (PostgreSQL)" }));
    await user.type(within(section).getByLabelText("Server"), "db.example.org");
    await user.type(within(section).getByLabelText("User"), "ana");
    await user.type(within(section).getByLabelText("Password"), "wrong");
    const url = "postgres://ana:wrong@db.example.org:5432/tasklane?sslmode=prefer";
    const refused = 'The server refused the password for the user "ana".';
    backend.db.databases.set(url, { code: "DATABASE", message: refused });

    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      `Switching the database failed: ${refused}`,
    );
    expect(backend.db.chosenDatabase).toBeUndefined();
    expect(within(section).queryByRole("button", { name: "Restart now" })).toBeNull();
  });

  it("goes back to this computer's file", async () => {
    const { backend, user, section } = await openDatabaseSettings();
    await user.click(within(section).getByRole("radio", { name: "This computer" }));
    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    await waitFor(() => expect(backend.db.chosenDatabase).toBeNull());
    expect(await within(section).findByRole("button", { name: "Restart now" })).toBeInTheDocument();
  });
});
