import { describe, expect, it } from "vitest";
import type { Task } from "../../bindings/Task";
import { makeTask } from "../../test/fakeBackend";
import type { TaskPages } from "./api";
import { anchorsAt, placeInPages, type Placement } from "./order";

const [a, b, c, d, moved] = ["A", "B", "C", "D", "Moved"].map((title) => makeTask({ title })) as [
  Task,
  Task,
  Task,
  Task,
  Task,
];

/** Two loaded pages, [A, B] and [C, D], of a list of `total` tasks; more to come when `more`. */
function pages(total: number, more = false): TaskPages {
  return {
    pages: [
      { tasks: [a, b], next: "cursor-1", total },
      { tasks: [c, d], next: more ? "cursor-2" : null, total },
    ],
    pageParams: [null, "cursor-1"],
  };
}

function titles(data: TaskPages): string[][] {
  return data.pages.map((page) => page.tasks.map((task) => task.title));
}

describe("placing a moved task in a cached list", () => {
  it.each<[string, Placement, string[][]]>([
    ["right after its after", { after: b.id, before: c.id }, [["A", "B", "Moved"], ["C", "D"]]],
    ["right before its before", { before: c.id }, [["A", "B"], ["Moved", "C", "D"]]],
    ["last when it has no anchors", {}, [["A", "B"], ["C", "D", "Moved"]]],
    ["first in done", "first", [["Moved", "A", "B"], ["C", "D"]]],
  ])("puts a task that joins the list %s, one more in the total", (_, placement, expected) => {
    const placed = placeInPages(pages(4), moved, placement);
    expect(titles(placed)).toEqual(expected);
    expect(placed.pages.map((page) => page.total)).toEqual([5, 5]);
  });

  it("moves a task within the list, the total unchanged", () => {
    const placed = placeInPages(pages(4), a, { after: c.id, before: d.id });
    expect(titles(placed)).toEqual([["B"], ["C", "A", "D"]]);
    expect(placed.pages.map((page) => page.total)).toEqual([4, 4]);
  });

  it("takes a task out of the column it left, one less in the total", () => {
    const placed = placeInPages(pages(4), c, "out");
    expect(titles(placed)).toEqual([["A", "B"], ["D"]]);
    expect(placed.pages.map((page) => page.total)).toEqual([3, 3]);
  });

  it("leaves a task whose place is not loaded to the next read, still counted", () => {
    const unloaded = makeTask({ title: "Not loaded" });
    for (const placement of [{}, { after: unloaded.id }, { before: unloaded.id }] as Placement[]) {
      const placed = placeInPages(pages(40, true), moved, placement);
      expect(titles(placed)).toEqual([["A", "B"], ["C", "D"]]);
      expect(placed.pages.map((page) => page.total)).toEqual([41, 41]);
    }
  });
});

describe("the anchors of a place", () => {
  it("names the tasks now before and after it", () => {
    const ids = [a.id, moved.id, b.id];
    expect(anchorsAt(ids, 1)).toEqual({ after: a.id, before: b.id });
    expect(anchorsAt(ids, 0)).toEqual({ before: moved.id });
    expect(anchorsAt(ids, 2)).toEqual({ after: moved.id });
    expect(anchorsAt([moved.id], 0)).toEqual({});
  });
});
