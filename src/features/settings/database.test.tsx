import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppStatus } from "../../bindings/AppStatus";
import { installFakeBackend } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

const LOCAL_FILE = "/home/me/.local/share/app.tasklane.desktop/tasklane.db";
const SECRET = "p@ss:w/rd#1";
/** What the fields below make, with SECRET as the password. */
const SERVER_URL = "postgres://ana:p%40ss%3Aw%2Frd%231@db.example.org:5432/tasklane?sslmode=require";

async function openDatabaseSettings(backend = installFakeBackend()) {
  const { user } = renderApp();
  await user.click(screen.getByRole("button", { name: "Settings" }));
  const dialog = screen.getByRole("dialog", { name: "Settings" });
  const section = within(dialog).getByRole("group", { name: "Database" });
  return { backend, user, section };
}

type Opened = Awaited<ReturnType<typeof openDatabaseSettings>>;

async function fillServer({ user, section }: Opened, password = SECRET) {
  await user.click(within(section).getByRole("radio", { name: "Team server (PostgreSQL)" }));
  await user.type(within(section).getByLabelText("Server"), "db.example.org");
  await user.type(within(section).getByLabelText("User"), "ana");
  await user.type(within(section).getByLabelText("Password"), password);
  await user.selectOptions(within(section).getByLabelText("TLS (sslmode)"), "require");
}

/** Nothing on the page but the password fields themselves holds the password, typed or encoded. */
function expectPasswordNowhere(password: string) {
  const page = document.body.cloneNode(true) as HTMLElement;
  for (const field of page.querySelectorAll('input[type="password"]')) field.remove();
  const values = [...document.querySelectorAll<HTMLInputElement>('input:not([type="password"])')].map(
    (input) => input.value,
  );
  const shown = [page.innerHTML, page.textContent, ...values].join("\n");
  expect(shown).not.toContain(password);
  expect(shown).not.toContain(encodeURIComponent(password));
}

function teamStatus(state: "live" | "reconnecting"): AppStatus {
  return {
    taskCount: 0,
    openTaskCount: 0,
    projectCount: 0,
    dbPath: null,
    dbSizeBytes: 0,
    schemaVersion: "m20261122_000006_add_task_people",
    appVersion: "0.1.0",
    startupMs: null,
    server: { url: "postgres://ana:***@db.example.org/tasklane", state },
  };
}

describe("Settings → Database", () => {
  it("says which database is open now, and follows the team server's link", async () => {
    const { section } = await openDatabaseSettings();
    expect(await within(section).findByText(`Open now: This computer: ${LOCAL_FILE}`)).toBeInTheDocument();

    await act(() => emit("app:status", teamStatus("reconnecting")));
    expect(
      await within(section).findByText("Open now: Team server: postgres://ana:***@db.example.org/tasklane — Reconnecting…"),
    ).toBeInTheDocument();
    await act(() => emit("app:status", teamStatus("live")));
    expect(
      await within(section).findByText("Open now: Team server: postgres://ana:***@db.example.org/tasklane — Live"),
    ).toBeInTheDocument();
  });

  it("starts on the team server's side when a team server is open", async () => {
    const backend = installFakeBackend();
    backend.db.server = teamStatus("live").server;
    const { section } = await openDatabaseSettings(backend);
    expect(await within(section).findByText(/^Open now: Team server: .* — Live$/)).toBeInTheDocument();
    expect(within(section).getByRole("radio", { name: "Team server (PostgreSQL)" })).toBeChecked();
    expect(within(section).getByLabelText("Server")).toBeInTheDocument();
  });

  it("tests a connection, shows what it found, switches, and restarts", async () => {
    const opened = await openDatabaseSettings();
    const { backend, user, section } = opened;
    await fillServer(opened);
    backend.db.databases.set(SERVER_URL, {
      url: "postgres://ana:***@db.example.org:5432/tasklane?sslmode=require",
      schema: "older",
      serverVersion: "15.18",
    });

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(await within(section).findByRole("status")).toHaveTextContent(
      "Connected to PostgreSQL 15.18. It was set up by an older Tasklane and is brought up to date when Tasklane opens it.",
    );
    expect(backend.argsOf("app_check_database")).toEqual([{ url: SERVER_URL }]);
    expect(backend.db.chosenDatabase).toBeUndefined();

    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    const restart = await within(section).findByRole("button", { name: "Restart now" });
    expect(backend.argsOf("app_set_database")).toEqual([{ url: SERVER_URL }]);
    expect(backend.db.chosenDatabase).toBe(SERVER_URL);
    expect(within(section).getByText(/Tasklane opens the team server when it restarts/)).toBeInTheDocument();
    expect(restart).toHaveFocus();
    expect(backend.db.restarts).toBe(0);
    expectPasswordNowhere(SECRET);

    await user.keyboard("{Enter}");
    await waitFor(() => expect(backend.db.restarts).toBe(1));
  });

  it("waits with every control disabled while a test is under way", async () => {
    const opened = await openDatabaseSettings();
    const { backend, user, section } = opened;
    await fillServer(opened);
    backend.hangNext("app_check_database");

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(within(section).getByRole("button", { name: "Testing…" })).toBeDisabled();
    expect(within(section).getByRole("button", { name: "Use this database" })).toBeDisabled();
    expect(within(section).getByLabelText("Server")).toBeDisabled();
    expect(within(section).getByRole("radio", { name: "This computer" })).toBeDisabled();
    expect(section).toHaveAttribute("aria-busy", "true");
  });

  it("shows why a connection fails, next to the form, without the password, and saves nothing", async () => {
    const opened = await openDatabaseSettings();
    const { backend, user, section } = opened;
    await fillServer(opened);
    const refused = 'The server refused the password for the user "ana".';
    backend.db.databases.set(SERVER_URL, { code: "DATABASE", message: refused });

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(`Testing the connection failed: ${refused}`);
    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(`Switching the database failed: ${refused}`);

    expect(backend.db.chosenDatabase).toBeUndefined();
    expect(within(section).queryByRole("button", { name: "Restart now" })).toBeNull();
    expectPasswordNowhere(SECRET);
  });

  it("points at a port it cannot read, and asks the server nothing", async () => {
    const opened = await openDatabaseSettings();
    const { backend, user, section } = opened;
    await fillServer(opened);
    const port = within(section).getByLabelText("Port");
    await user.clear(port);
    await user.type(port, "54x");

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(port).toHaveAttribute("aria-invalid", "true");
    expect(port).toHaveAccessibleDescription("Enter a port from 1 to 65535 (PostgreSQL's usual one is 5432).");
    expect(port).toHaveFocus();
    expect(backend.argsOf("app_check_database")).toEqual([]);

    await user.type(port, "{Backspace}");
    expect(port).toHaveAttribute("aria-invalid", "false");
    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    await waitFor(() =>
      expect(backend.argsOf("app_check_database")).toEqual([{ url: SERVER_URL.replace(":5432/", ":54/") }]),
    );
  });

  it("sends a pasted URL as it is, instead of the fields", async () => {
    const opened = await openDatabaseSettings();
    const { backend, user, section } = opened;
    await fillServer(opened);
    const pasted = "postgresql://bob:hunter2@other.example.org:6432/team?sslmode=verify-full";
    await user.click(within(section).getByLabelText("Or paste a URL"));
    await user.paste(pasted);

    await user.click(within(section).getByRole("button", { name: "Test connection" }));
    expect(await within(section).findByRole("status")).toHaveTextContent("It is up to date.");
    expect(backend.argsOf("app_check_database")).toEqual([{ url: pasted }]);
    expectPasswordNowhere("hunter2");
  });

  it("goes back to this computer's file", async () => {
    const backend = installFakeBackend();
    backend.db.server = teamStatus("live").server;
    const { user, section } = await openDatabaseSettings(backend);
    await within(section).findByText(/^Open now: Team server/);

    await user.click(within(section).getByRole("radio", { name: "This computer" }));
    expect(within(section).queryByRole("button", { name: "Test connection" })).toBeNull();
    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    expect(await within(section).findByRole("button", { name: "Restart now" })).toHaveFocus();
    expect(backend.argsOf("app_set_database")).toEqual([{ url: null }]);
    expect(backend.db.chosenDatabase).toBeNull();
    expect(within(section).getByText(/Tasklane opens this computer's database when it restarts/)).toBeInTheDocument();
  });

  it("says so when restarting fails", async () => {
    const { backend, user, section } = await openDatabaseSettings();
    backend.failNext("app_restart", { code: "INTERNAL", message: "the app could not be started again" });
    await user.click(within(section).getByRole("button", { name: "Use this database" }));
    await user.click(await within(section).findByRole("button", { name: "Restart now" }));

    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "Restarting Tasklane failed: the app could not be started again",
    );
    expect(within(section).getByRole("button", { name: "Restart now" })).toBeEnabled();
  });
});
