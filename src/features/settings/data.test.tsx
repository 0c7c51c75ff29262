import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { installFakeBackend, makeProject, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

// The native file dialogs: each test says which path the user picks (null: the dialog was closed).
const dialog = vi.hoisted(() => ({
  save: vi.fn<(options: unknown) => Promise<string | null>>(),
  open: vi.fn<(options: unknown) => Promise<string | null>>(),
}));
vi.mock("@tauri-apps/plugin-dialog", () => dialog);

beforeEach(() => {
  dialog.save.mockReset();
  dialog.open.mockReset();
});

function seeded() {
  const home = makeProject({ name: "Home" });
  return installFakeBackend({
    projects: [home],
    tasks: [
      makeTask({ title: "Buy milk" }),
      makeTask({ title: "Fix the tap", projectIds: [home.id] }),
      makeTask({ title: "Call Ana", status: "done" }),
    ],
  });
}

async function openDataSettings(backend = seeded()) {
  const { user } = renderApp();
  await screen.findByText("Buy milk");
  return { backend, user, ...(await reopen(user)) };
}

async function reopen(user: ReturnType<typeof renderApp>["user"]) {
  await user.click(screen.getByRole("button", { name: "Settings" }));
  const settings = screen.getByRole("dialog", { name: "Settings" });
  const section = within(settings).getByRole("group", { name: "Data" });
  return { settings, section };
}

describe("Settings → Data", () => {
  it("exports to the path the save dialog gives, with progress, then says what it wrote", async () => {
    const { backend, user, section } = await openDataSettings();
    dialog.save.mockResolvedValue("/home/me/backup.csv");
    backend.data.hold();

    await user.selectOptions(within(section).getByLabelText("Export format"), "CSV (.csv)");
    await user.click(within(section).getByRole("button", { name: "Export…" }));

    expect(dialog.save).toHaveBeenCalledWith({
      title: "Export tasks",
      defaultPath: expect.stringMatching(/^tasklane-\d{4}-\d{2}-\d{2}\.csv$/) as string,
      filters: [{ name: "CSV (.csv)", extensions: ["csv"] }],
    });
    const bar = await within(section).findByRole("progressbar", { name: "Exporting" });
    await waitFor(() => expect(bar).toHaveAttribute("value", "2"));
    expect(bar).toHaveAttribute("max", "3");
    expect(within(section).getByRole("status")).toHaveTextContent("Exporting: 2 of 3 tasks");
    expect(within(section).getByRole("button", { name: "Export…" })).toBeDisabled();
    expect(within(section).getByRole("button", { name: "Import…" })).toBeDisabled();
    expect(within(section).getByLabelText("Export format")).toBeDisabled();
    expect(within(section).getByRole("button", { name: "Cancel" })).toHaveFocus();

    backend.data.release();

    expect(await within(section).findByText(/^Exported 3 tasks to \/home\/me\/backup\.csv \(\d\.\d KB\)\.$/)).toHaveAttribute(
      "role",
      "status",
    );
    expect(backend.argsOf("data_export")).toMatchObject([{ request: { format: "csv", path: "/home/me/backup.csv" } }]);
    expect(backend.data.files.get("/home/me/backup.csv")?.tasks).toHaveLength(3);
    expect(within(section).queryByRole("progressbar")).not.toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "Export…" })).toBeEnabled();
    expect(within(section).getByRole("button", { name: "Export…" })).toHaveFocus();
  });

  it("exports only the tasks the list shows, when asked", async () => {
    const { backend, user } = await openDataSettings();
    await user.click(screen.getByRole("button", { name: "Close" }));
    await user.click(screen.getByRole("button", { name: "Inbox" }));
    const { section } = await reopen(user);
    dialog.save.mockResolvedValue("/home/me/inbox.json");

    await user.click(within(section).getByRole("radio", { name: "The tasks the list shows (Inbox)" }));
    await user.click(within(section).getByRole("button", { name: "Export…" }));

    expect(await within(section).findByText(/^Exported 1 task to \/home\/me\/inbox\.json/)).toBeInTheDocument();
    expect(backend.argsOf("data_export")).toMatchObject([
      { request: { format: "json", path: "/home/me/inbox.json", filter: { inbox: true } } },
    ]);
    expect(backend.data.files.get("/home/me/inbox.json")?.tasks.map((task) => task.title)).toEqual(["Buy milk"]);
  });

  it("imports a file read as its extension says, lists the warnings with their lines, and the list reloads", async () => {
    const { backend, user, section } = await openDataSettings();
    backend.data.files.set("/home/me/Todoist.CSV", {
      format: "csv",
      tasks: [
        { title: "Water plants", line: 2 },
        { title: "Pay rent", line: 3 },
      ],
      warnings: [{ line: 1, message: 'The column "Colour" was not read' }, { message: "The setting “font” was left out" }],
    });
    dialog.open.mockResolvedValue("/home/me/Todoist.CSV");

    await user.click(within(section).getByRole("button", { name: "Import…" }));

    expect(dialog.open).toHaveBeenCalledWith({
      title: "Import tasks",
      multiple: false,
      directory: false,
      filters: [
        { name: "Tasklane backup, CSV, todo.txt, iCalendar or Taskwarrior", extensions: ["json", "csv", "txt", "ics"] },
      ],
    });
    expect(within(section).getByText("File: /home/me/Todoist.CSV")).toBeInTheDocument();
    expect(within(section).getByLabelText("Read it as")).toHaveValue("csv");
    await user.click(within(section).getByRole("button", { name: "Import Todoist.CSV" }));

    expect(await within(section).findByText("Imported: 2 created, 0 updated, 0 skipped.")).toBeInTheDocument();
    const warnings = within(section).getByRole("list", { name: "Import warnings" });
    expect(within(warnings).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      'Line 1: The column "Colour" was not read',
      "The setting “font” was left out",
    ]);
    expect(backend.argsOf("data_import")).toMatchObject([{ request: { format: "csv", path: "/home/me/Todoist.CSV" } }]);
    expect(within(section).queryByRole("button", { name: "Import Todoist.CSV" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(await screen.findByText("Water plants")).toBeInTheDocument();
    expect(screen.getByText("Pay rent")).toBeInTheDocument();
  });

  it("asks for the format when the file name does not say, and reads it as chosen", async () => {
    const { backend, user, section } = await openDataSettings();
    backend.data.files.set("/tmp/tasks.dat", { format: "json", tasks: [{ title: "Water plants" }] });
    dialog.open.mockResolvedValue("/tmp/tasks.dat");

    await user.click(within(section).getByRole("button", { name: "Import…" }));
    const start = within(section).getByRole("button", { name: "Import tasks.dat" });
    expect(within(section).getByLabelText("Read it as")).toHaveValue("");
    expect(start).toBeDisabled();
    await user.selectOptions(within(section).getByLabelText("Read it as"), "Tasklane backup (.json)");
    await user.click(start);

    expect(await within(section).findByText("Imported: 1 created, 0 updated, 0 skipped.")).toBeInTheDocument();
    expect(backend.argsOf("data_import")).toMatchObject([{ request: { format: "json", path: "/tmp/tasks.dat" } }]);
  });

  it("cancels a running import calmly: a status, no alert, nothing written", async () => {
    const { backend, user, section } = await openDataSettings();
    backend.data.files.set("/home/me/backup.json", { format: "json", tasks: [{ title: "Water plants" }] });
    dialog.open.mockResolvedValue("/home/me/backup.json");
    backend.data.hold();

    await user.click(within(section).getByRole("button", { name: "Import…" }));
    await user.click(within(section).getByRole("button", { name: "Import backup.json" }));
    const bar = await within(section).findByRole("progressbar", { name: "Importing" });
    // Reading: how many tasks the file holds is not known yet.
    expect(bar).not.toHaveAttribute("value");
    expect(within(section).getByRole("status")).toHaveTextContent("Importing: Reading the file…");
    expect(within(section).getByRole("button", { name: "Import backup.json" })).toBeDisabled();

    await user.click(within(section).getByRole("button", { name: "Cancel" }));
    expect(within(section).getByRole("button", { name: "Cancelling…" })).toBeDisabled();
    backend.data.release();

    expect(await within(section).findByText("Import cancelled; nothing was imported.")).toHaveAttribute("role", "status");
    expect(within(section).queryByRole("progressbar")).not.toBeInTheDocument();
    expect(backend.argsOf("data_cancel")).toHaveLength(1);
    // No error, neither here nor in the window's banner.
    expect(within(section).queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("alert")).toBeEmptyDOMElement();
    expect(backend.db.tasks).toHaveLength(3);
    // The file stays chosen, to try again.
    expect(within(section).getByRole("button", { name: "Import backup.json" })).toBeEnabled();
  });

  it("shows a bad file's error with its line, and writes nothing", async () => {
    const { backend, user, section } = await openDataSettings();
    backend.data.files.set("/home/me/tasks.csv", {
      format: "csv",
      tasks: [
        { title: "Water plants", line: 2 },
        { title: "", line: 17 },
      ],
    });
    dialog.open.mockResolvedValue("/home/me/tasks.csv");

    await user.click(within(section).getByRole("button", { name: "Import…" }));
    await user.click(within(section).getByRole("button", { name: "Import tasks.csv" }));

    expect(await within(section).findByRole("alert")).toHaveTextContent(
      'Line 17, the task "": Title cannot be empty',
    );
    expect(backend.db.tasks).toHaveLength(3);
  });

  it("does nothing when a file dialog is closed without a path", async () => {
    const { backend, user, section } = await openDataSettings();
    dialog.save.mockResolvedValue(null);
    dialog.open.mockResolvedValue(null);

    await user.click(within(section).getByRole("button", { name: "Export…" }));
    await user.click(within(section).getByRole("button", { name: "Import…" }));

    expect(dialog.save).toHaveBeenCalledTimes(1);
    expect(dialog.open).toHaveBeenCalledTimes(1);
    expect(backend.argsOf("data_export")).toEqual([]);
    expect(backend.argsOf("data_import")).toEqual([]);
    expect(within(section).queryByText(/^File:/)).not.toBeInTheDocument();
    expect(within(section).queryByRole("status")).not.toBeInTheDocument();
    expect(within(section).queryByRole("alert")).not.toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "Export…" })).toBeEnabled();
    expect(within(section).getByRole("button", { name: "Import…" })).toHaveFocus();
  });

  it("cancels a running export when Settings is closed", async () => {
    const { backend, user, section } = await openDataSettings();
    dialog.save.mockResolvedValue("/home/me/backup.json");
    backend.data.hold();
    await user.click(within(section).getByRole("button", { name: "Export…" }));
    await within(section).findByRole("progressbar", { name: "Exporting" });

    await user.keyboard("{Escape}");
    backend.data.release();

    await waitFor(() => expect(backend.argsOf("data_cancel")).toHaveLength(1));
    expect(screen.queryByRole("dialog", { name: "Settings" })).not.toBeInTheDocument();
    expect(backend.data.files.has("/home/me/backup.json")).toBe(false);
  });
});
