import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { emitUiReady } from "./window";

describe("emitUiReady", () => {
  it("emits ui:ready with this window's label, through the event plugin", async () => {
    const sent: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      sent.push([cmd, args]);
      return null;
    });
    mockWindows("window-3");

    await emitUiReady();

    expect(sent).toStrictEqual([
      ["plugin:event|emit", { event: "ui:ready", payload: { label: "window-3" } }],
    ]);
  });
});
