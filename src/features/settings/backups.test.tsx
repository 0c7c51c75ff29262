import { screen, waitFor, within } from "@testing-library/react";
import { afterAll, describe, expect, it, vi } from "vitest";
import { installFakeBackend, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

// Local time here is not UTC (the time in a backup's name is), so a time shown in UTC would not
// match; set before the formatters are made.
vi.hoisted(() => vi.stubEnv("TZ", "Pacific/Auckland"));
afterAll(() => vi.unstubAllEnvs());

// The open dialog of an import: the user picks this file.
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: () => Promise.resolve("/home/me/tasks.json"), save: vi.fn() }));

const FOLDER = "/home/me/.local/share/app.tasklane.desktop/backups";
/** How the list writes a time: the user's locale and time zone, date and minutes. */
const local = (at: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));

/** The app with "Buy milk" and "Fix the tap", and a daily backup of them made on 8 Dec 2025. */
function backedUp() {
  const backend = installFakeBackend({ tasks: [makeTask({ title: "Buy milk" }), makeTask({ title: "Fix the tap" })] });
  const daily = backend.data.backUp("daily", { at: "2025-12-08T09:30:00.000Z" });
  return { backend, daily };
}

async function openBackups(backend = backedUp().backend) {
  const { user } = renderApp();
  await screen.findByText("Buy milk");
  await user.click(screen.getByRole("button", { name: "Settings" }));
  const data = within(screen.getByRole("dialog", { name: "Settings" })).getByRole("group", { name: "Data" });
  const part = within(data).getByRole("group", { name: "Backups" });
  return { backend, user, data, part };
}

/** What each listed backup says, newest first: its time, then why and how big. */
function listed(part: HTMLElement) {
  const list = within(part).getByRole("list", { name: "Backups, newest first" });
  return within(list)
    .getAllByRole("listitem")
    .map((item) => item.textContent.replace("Restore…", ""));
}

describe("Settings → Data → Backups", () => {
  it("lists the backups newest first: when in local time, why in words, and how big", async () => {
    const backend = installFakeBackend({ tasks: [makeTask({ title: "Buy milk" })] });
    backend.data.backUp("migration", { at: "2025-12-01T08:00:00.000Z", bytes: 800 });
    backend.data.backUp("restore", { at: "2025-12-08T17:45:00.000Z", bytes: 2_621_440 });
    backend.data.backUp("daily", { at: "2025-12-07T09:30:00.000Z", bytes: 151_552 });
    backend.data.backUp("import", { at: "2025-12-08T10:15:00.000Z", bytes: 1536 });

    const { part } = await openBackups(backend);

    await waitFor(() => expect(listed(part)).toHaveLength(4));
    expect(listed(part)).toEqual([
      `${local("2025-12-08T17:45:00.000Z")}Before a restore · 2.5 MB`,
      `${local("2025-12-08T10:15:00.000Z")}Before an import · 1.5 KB`,
      `${local("2025-12-07T09:30:00.000Z")}Daily · 148 KB`,
      `${local("2025-12-01T08:00:00.000Z")}Before an update of Tasklane · 800 B`,
    ]);
    expect(within(part).getByText(`Folder: ${FOLDER}`)).toBeInTheDocument();
    expect(
      within(part).getByRole("button", { name: `Restore the backup of ${local("2025-12-07T09:30:00.000Z")}` }),
    ).toBeEnabled();
  });

  it("lists the 5 newest until asked for all", async () => {
    const backend = installFakeBackend({ tasks: [makeTask({ title: "Buy milk" })] });
    for (const day of [1, 2, 3, 4, 5, 6, 7]) backend.data.backUp("daily", { at: `2025-12-0${day}T09:30:00.000Z` });

    const { user, part } = await openBackups(backend);

    await waitFor(() => expect(listed(part)).toHaveLength(5));
    expect(listed(part)[0]).toContain(local("2025-12-07T09:30:00.000Z"));
    await user.click(within(part).getByRole("button", { name: "Show all 7" }));
    expect(listed(part)).toHaveLength(7);
    expect(listed(part)[6]).toContain(local("2025-12-01T09:30:00.000Z"));
  });

  it("says a team server gets no automatic backups, and lists none", async () => {
    const { backend } = backedUp();
    backend.db.server = { url: "postgres://ana:***@db.example.org/tasklane", state: "live" };

    const { part } = await openBackups(backend);

    expect(
      await within(part).findByText(
        "Automatic backups are made only for a database on this computer. A team server is backed up by its administrator.",
      ),
    ).toBeInTheDocument();
    expect(within(part).queryByRole("list")).not.toBeInTheDocument();
    expect(within(part).queryByText(/^Folder:/)).not.toBeInTheDocument();
  });

  it("restores a backup once confirmed, busy meanwhile, then says what it restored and lists the new backup", async () => {
    const { backend, daily } = backedUp();
    backend.db.tasks.push(makeTask({ title: "Call Ana" }));
    const { user, data, part } = await openBackups(backend);
    const name = `Restore the backup of ${local(daily.createdAt)}`;

    await user.click(await within(part).findByRole("button", { name }));
    const confirm = screen.getByRole("alertdialog", { name: "Restore this backup?" });
    expect(confirm).toHaveTextContent(
      `The tasks, projects, tags and settings you have now are replaced by those of the backup of ${local(daily.createdAt)}.`,
    );
    expect(confirm).toHaveTextContent("They are kept as a backup (“Before a restore”), so you can undo this");
    backend.data.hold();
    await user.click(within(confirm).getByRole("button", { name: "Restore" }));

    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(data).toHaveAttribute("aria-busy", "true");
    expect(within(data).getByRole("status")).toHaveTextContent(`Restoring the backup of ${local(daily.createdAt)}…`);
    expect(within(part).getByRole("button", { name })).toBeDisabled();
    expect(within(data).getByRole("button", { name: "Import…" })).toBeDisabled();
    expect(within(data).getByRole("button", { name: "Export…" })).toBeDisabled();
    backend.data.release();

    expect(
      await within(data).findByText(
        `Restored the backup of ${local(daily.createdAt)}: 2 tasks, 0 projects. The tasks you had are kept as a backup.`,
      ),
    ).toHaveAttribute("role", "status");
    expect(backend.argsOf("data_restore")).toEqual([{ request: { name: daily.name } }]);
    await waitFor(() => expect(listed(part)).toHaveLength(2));
    expect(listed(part)[0]).toContain("Before a restore");
    expect(data).toHaveAttribute("aria-busy", "false");
    expect(within(part).getByRole("button", { name })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByText("Call Ana")).not.toBeInTheDocument());
    expect(screen.getByText("Fix the tap")).toBeInTheDocument();
  });

  it("does nothing when the confirmation is cancelled", async () => {
    const { backend, daily } = backedUp();
    const { user, data, part } = await openBackups(backend);
    const restore = await within(part).findByRole("button", { name: `Restore the backup of ${local(daily.createdAt)}` });

    await user.click(restore);
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(backend.argsOf("data_restore")).toEqual([]);
    expect(within(data).queryByRole("status")).not.toBeInTheDocument();
    expect(listed(part)).toHaveLength(1);
    expect(restore).toHaveFocus();
  });

  it("shows why a backup cannot be restored, and changes nothing", async () => {
    const { backend, daily } = backedUp();
    daily.refusal = "it is damaged (integrity check: database disk image is malformed)";
    backend.db.tasks.push(makeTask({ title: "Call Ana" }));
    const { user, data, part } = await openBackups(backend);

    await user.click(await within(part).findByRole("button", { name: `Restore the backup of ${local(daily.createdAt)}` }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Restore" }));

    expect(await within(data).findByRole("alert")).toHaveTextContent(
      `The backup ${daily.name} cannot be restored: it is damaged (integrity check: database disk image is malformed). Your tasks were not changed.`,
    );
    expect(within(data).queryByRole("status")).not.toBeInTheDocument();
    expect(backend.db.tasks.map((task) => task.title)).toEqual(["Buy milk", "Fix the tap", "Call Ana"]);
    await waitFor(() => expect(backend.argsOf("data_backups").length).toBeGreaterThan(1));
    expect(listed(part)).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.getByText("Call Ana")).toBeInTheDocument();
  });

  it("cannot restore while an import runs, and lists the import's backup when it ends", async () => {
    const { backend, daily } = backedUp();
    backend.data.files.set("/home/me/tasks.json", { format: "json", tasks: [{ title: "Water plants" }] });
    const { user, data, part } = await openBackups(backend);
    const restore = await within(part).findByRole("button", { name: `Restore the backup of ${local(daily.createdAt)}` });
    backend.data.hold();

    await user.click(within(data).getByRole("button", { name: "Import…" }));
    await user.click(within(data).getByRole("button", { name: "Import tasks.json" }));
    await within(data).findByRole("progressbar", { name: "Importing" });

    expect(restore).toBeDisabled();
    backend.data.release();
    expect(await within(data).findByText("Imported: 1 created, 0 updated, 0 skipped.")).toBeInTheDocument();
    await waitFor(() => expect(listed(part)).toHaveLength(2));
    expect(listed(part)[0]).toContain("Before an import");
    expect(restore).toBeEnabled();
    expect(backend.argsOf("data_restore")).toEqual([]);
  });
});
