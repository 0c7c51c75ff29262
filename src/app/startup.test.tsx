import { emit, listen } from "@tauri-apps/api/event";
import { act, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installFakeBackend, makeTask } from "../test/fakeBackend";
import { ROW_HEIGHT } from "../features/tasks/TaskRow";
import { renderApp } from "../test/renderApp";
import { App } from "./App";
import { AppProviders } from "./AppProviders";

/** What the page showed at the moment each ui:ready was emitted. */
async function watchUiReady() {
  const shown: { list: boolean; text: string }[] = [];
  await listen("ui:ready", () => {
    shown.push({
      list: document.querySelector('[aria-label="Tasks"]') !== null,
      text: document.querySelector("main")?.textContent ?? "",
    });
  });
  return shown;
}

/** Lets timers, events and refetches that might emit again run. */
async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

describe("showing the window (ui:ready)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Said once the first page is in the list, not once rows are laid out: the window is hidden
  // until then, and a hidden window may never lay out (the virtualizer would render no row).
  it("is said once, with this window's label, once the first page of tasks is in the list", async () => {
    const backend = installFakeBackend({
      tasks: Array.from({ length: 300 }, (_, index) => makeTask({ title: `Task ${index}`, position: index })),
    });
    const shown = await watchUiReady();
    const { user } = renderApp();

    await waitFor(() => expect(backend.uiReady).toEqual([{ label: "main" }]));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.list).toBe(true);
    expect(shown[0]?.text).toMatch(/300 tasks/);

    // Nothing that happens later says it again: changes, scrolling to more pages, another
    // order, a filter that empties the list and one that fills it again.
    await act(() => emit("tasks:changed", { kind: "created", ids: [] }));
    const scroller = screen.getByRole("list", { name: "Tasks" }).parentElement;
    if (!scroller) throw new Error("the task list has no scroll container");
    Object.defineProperty(scroller, "scrollTop", { configurable: true, value: 250 * ROW_HEIGHT });
    await act(async () => {
      scroller.dispatchEvent(new Event("scroll"));
      await Promise.resolve();
    });
    // The first page, its refetch after the change, the second page.
    await waitFor(() => expect(backend.argsOf("db_get_tasks")).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText("Sort tasks"), "Newest first");
    await user.type(screen.getByLabelText("Search tasks"), "nothing like it");
    await screen.findByText("No tasks match these filters.");
    await user.clear(screen.getByLabelText("Search tasks"));
    await screen.findAllByRole("listitem");
    await settle();
    expect(backend.uiReady).toHaveLength(1);
  });

  it("is said once under StrictMode, whose effects run twice", async () => {
    const backend = installFakeBackend({ tasks: [makeTask({ title: "Only" })] });
    render(
      <StrictMode>
        <AppProviders>
          <App />
        </AppProviders>
      </StrictMode>,
    );
    await screen.findByRole("button", { name: "Only" });
    await settle();
    expect(backend.uiReady).toEqual([{ label: "main" }]);
  });

  it("is said for an empty list, once its empty state shows", async () => {
    const backend = installFakeBackend();
    const shown = await watchUiReady();
    renderApp();

    await waitFor(() => expect(backend.uiReady).toHaveLength(1));
    expect(shown[0]?.text).toContain("No tasks yet — press N to add one.");
  });

  it("is said when the list fails, so the window never stays hidden", async () => {
    const backend = installFakeBackend();
    backend.failNext("db_get_tasks", { code: "DATABASE", message: "disk I/O error" });
    const shown = await watchUiReady();
    renderApp();

    await waitFor(() => expect(backend.uiReady).toHaveLength(1));
    expect(shown[0]?.text).toContain("Tasks could not be loaded.");
  });
});

describe("a list read that times out", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is tried again after a pause, saying meanwhile that tasks are still loading", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = installFakeBackend({ tasks: [makeTask({ title: "Pay rent" })] });
    backend.hangNext("db_get_tasks");
    renderApp();
    const status = () => document.querySelector(".tasks-summary [role=status]");

    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(status()).toBeEmptyDOMElement();
    await act(() => vi.advanceTimersByTimeAsync(600));
    expect(status()).toHaveTextContent("Still loading tasks…");
    expect(backend.argsOf("db_get_tasks")).toHaveLength(1);

    // The read times out at 5 s; the second try starts 0.5 s later and answers.
    await act(() => vi.advanceTimersByTimeAsync(3_400));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(await screen.findByRole("button", { name: "Pay rent" })).toBeInTheDocument();
    expect(backend.argsOf("db_get_tasks")).toHaveLength(2);
    expect(status()).toBeEmptyDOMElement();
    expect(screen.getByRole("alert")).toBeEmptyDOMElement();
  });

  it("fails the list after three tries, with the timeout's message", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = installFakeBackend({ tasks: [makeTask({ title: "Pay rent" })] });
    backend.hangNext("db_get_tasks", 3);
    renderApp();

    // 5 s, a 0.5 s pause, 5 s, a 1 s pause, 5 s.
    await act(() => vi.advanceTimersByTimeAsync(16_500));

    expect(await screen.findByText("Tasks could not be loaded.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Loading tasks timed out after 5 s. Please try again.");
    expect(backend.argsOf("db_get_tasks")).toHaveLength(3);
    await waitFor(() => expect(backend.uiReady).toHaveLength(1));
  });

  it("is not tried again when the backend refuses the read", async () => {
    const backend = installFakeBackend();
    backend.failNext("db_get_tasks", { code: "DATABASE", message: "disk I/O error" });
    renderApp();

    expect(await screen.findByText("Tasks could not be loaded.")).toBeInTheDocument();
    await settle();
    expect(backend.argsOf("db_get_tasks")).toHaveLength(1);
  });
});
