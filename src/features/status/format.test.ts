import { describe, expect, it } from "vitest";
import { count, formatBytes, startupTooltip } from "./format";

describe("status bar formatting", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [20 * 1024, "20 KB"],
    [5 * 1024 * 1024, "5.0 MB"],
    [3 * 1024 ** 3, "3.0 GB"],
  ])("%d bytes read as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("counts with the right plural", () => {
    expect(count(1, "task")).toBe("1 task");
    expect(count(0, "project")).toBe("0 projects");
    expect(count(12_345, "task")).toBe(`${(12_345).toLocaleString()} tasks`);
  });

  it("says how long start-up took, once the backend knows", () => {
    expect(startupTooltip(850)).toBe("Started in 850 ms");
    expect(startupTooltip(12_345)).toBe(`Started in ${(12_345).toLocaleString()} ms`);
    expect(startupTooltip(null)).toBeUndefined();
  });
});
