import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { IpcError } from "./errors";
import { invokeWithTimeout } from "./invoke";
import { MAX_ARGUMENT_DEPTH } from "./sendable";

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe("arguments the backend could never read", () => {
  it("a lone surrogate is a VALIDATION error naming its path, and nothing is sent", async () => {
    const sent: string[] = [];
    mockIPC((command) => {
      sent.push(command);
      return null;
    });
    for (const broken of ["\uD800", "a\uDC00b", "tail\uDBFF"]) {
      const call = invokeWithTimeout("db_create_task", { input: { title: "ok", tags: ["x", broken] } }, 1000);
      await expect(call).rejects.toSatisfy(
        (error) =>
          error instanceof IpcError &&
          error.code === "VALIDATION" &&
          error.field === "input.tags[1]" &&
          error.message.includes("lone UTF-16 surrogate"),
      );
    }
    expect(sent).toEqual([]);
  });

  it("well-formed text with emoji, RTL and combining marks is sent as it is", async () => {
    const text = "👩🏽‍💻 שלום e\u0301 𝄞";
    mockIPC((_command, args) => (args as { input: { title: string } }).input.title);
    await expect(invokeWithTimeout("db_create_task", { input: { title: text } }, 1000)).resolves.toBe(text);
  });

  it("nesting deeper than the contract allows is refused with its path", async () => {
    mockIPC(() => null);
    await expect(invokeWithTimeout("db_get_tasks", { filter: nested(MAX_ARGUMENT_DEPTH - 1) }, 1000)).resolves.toBeNull();
    const deep = invokeWithTimeout("db_get_tasks", { filter: nested(10_000) }, 1000);
    await expect(deep).rejects.toSatisfy(
      (error) => error instanceof IpcError && error.code === "VALIDATION" && (error.field ?? "").startsWith("filter[0]"),
    );
  });
});
