import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

describe("settings", () => {
  it("applies a theme at once and saves it", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-theme", "light"));

    await user.click(screen.getByRole("button", { name: "Settings" }));
    const dialog = screen.getByRole("dialog", { name: "Settings" });
    await user.click(within(dialog).getByRole("radio", { name: "Dark" }));

    expect(document.documentElement).toHaveAttribute("data-theme", "dark");
    await waitFor(() =>
      expect(backend.argsOf("db_update_settings")).toEqual([{ patch: { theme: "dark" } }]),
    );
    expect(within(dialog).getByRole("radio", { name: "Dark" })).toBeChecked();
  });

  it("saves the notifications toggle", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();

    await user.click(screen.getByRole("button", { name: "Settings" }));
    const toggle = await screen.findByRole("checkbox", { name: "Notifications" });
    await waitFor(() => expect(toggle).toBeChecked());
    await user.click(toggle);

    await waitFor(() =>
      expect(backend.argsOf("db_update_settings")).toEqual([{ patch: { notifications: false } }]),
    );
    expect(toggle).not.toBeChecked();
  });

  it("rolls the theme back and says why when saving fails", async () => {
    const backend = installFakeBackend();
    const { user } = renderApp();
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-theme", "light"));
    backend.failNext("db_update_settings", { code: "DATABASE", message: "disk full" });

    await user.click(screen.getByRole("button", { name: "Settings" }));
    await user.click(screen.getByRole("radio", { name: "Dark" }));

    expect(await screen.findByText("Saving settings failed: disk full")).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute("data-theme", "light");
  });
});
