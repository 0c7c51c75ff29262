import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installFakeBackend } from "../test/fakeBackend";
import { renderApp } from "../test/renderApp";

describe("the app shell", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens a new window from the button and from Ctrl+Shift+N", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();

    await user.click(screen.getByRole("button", { name: "New window" }));
    await user.keyboard("{Control>}{Shift>}N{/Shift}{/Control}");

    await waitFor(() => expect(backend.argsOf("app_open_window")).toEqual([{}, {}]));
  });

  it("focuses the search with /", async () => {
    installFakeBackend();
    const { user } = renderApp();
    await screen.findByText("No tasks yet — press N to add one.");

    await user.keyboard("/");

    expect(screen.getByLabelText("Search tasks")).toHaveFocus();
  });

  it("says which operation timed out when the backend never answers", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = installFakeBackend();
    const { user } = renderApp({ advanceTimers: vi.advanceTimersByTime });
    backend.hangNext("app_open_window");

    await user.click(screen.getByRole("button", { name: "New window" }));
    await act(() => vi.advanceTimersByTimeAsync(10_000));

    const banner = screen.getByRole("alert");
    expect(banner).toHaveTextContent(
      "Opening a new window timed out after 10 s. Please try again.",
    );
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(banner).toBeEmptyDOMElement();
  });
});
