import { invoke } from "@tauri-apps/api/core";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import transcript from "../bindings/ipc-transcript.json";
import { installFakeBackend } from "./fakeBackend";

type Exchange = { command: string; args: Record<string, unknown>; ok?: unknown; error?: unknown };

/** The placeholders the Rust test writes for what differs between runs and machines. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (["createdAt", "updatedAt", "completedAt"].includes(key) && typeof item === "string")
        return [key, "<timestamp>"];
      if (["dbPath", "dbSizeBytes", "appVersion", "server"].includes(key)) return [key, "<machine>"];
      // The OS user who created a task differs between machines.
      if (key === "createdBy" && typeof item === "string") return [key, "<user>"];
      // Cursors are opaque: the fake encodes its own.
      if (key === "next" && typeof item === "string") return [key, "<cursor>"];
      return [key, scrub(item)];
    }),
  );
}

describe("the fake backend answers like the real one", () => {
  afterEach(() => clearMocks());

  const exchanges = transcript.exchanges as Exchange[];

  it("replays a transcript of the real backend with many commands and both outcomes", () => {
    expect(exchanges.length).toBeGreaterThan(30);
    expect(exchanges.filter((exchange) => "error" in exchange).length).toBeGreaterThan(5);
  });

  it("gives every recorded answer, in order, from an empty database", async () => {
    installFakeBackend();
    for (const [index, { command, args, ...recorded }] of exchanges.entries()) {
      const answer = await invoke(command, args).then(
        (ok) => ({ ok: scrub(ok) }),
        (error: unknown) => ({ error: scrub(error) }),
      );
      expect({ step: index, command, args, ...answer }).toEqual({ step: index, command, args, ...recorded });
    }
  });
});
