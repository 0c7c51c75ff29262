import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/fakeBackend";
import { draftFromTask, emptyDraft, newTaskFromDraft, parseTags, patchFromDraft } from "./draft";

describe("task drafts", () => {
  const task = makeTask({
    title: "Plan trip",
    description: "Book trains",
    tags: ["travel", "family"],
    projectIds: ["p1", "p2"],
    dueAt: "2026-12-24T00:00:00.000Z",
  });

  it("an untouched draft patches nothing", () => {
    expect(patchFromDraft(task, draftFromTask(task))).toEqual({});
  });

  it("clearing the description or the due date sends null", () => {
    const draft = { ...draftFromTask(task), description: "  ", due: "" };
    expect(patchFromDraft(task, draft)).toEqual({ description: null, dueAt: null });
  });

  it("tags and projects replace the whole set, and reordering them changes nothing", () => {
    expect(
      patchFromDraft(task, {
        ...draftFromTask(task),
        tags: "family, travel",
        projectIds: ["p2", "p1"],
      }),
    ).toEqual({});
    expect(
      patchFromDraft(task, { ...draftFromTask(task), tags: "travel", projectIds: [] }),
    ).toEqual({
      tags: ["travel"],
      projectIds: [],
    });
  });

  it("a due date that is not UTC midnight only changes when its day does", () => {
    const evening = { ...task, dueAt: "2026-12-24T18:45:00.000Z" };
    expect(patchFromDraft(evening, draftFromTask(evening))).toEqual({});
    expect(patchFromDraft(evening, { ...draftFromTask(evening), due: "2026-12-25" })).toEqual({
      dueAt: "2026-12-25T00:00:00.000Z",
    });
  });

  it("a new task leaves out empty optional fields, trims the title and carries the form's id", () => {
    const id = "6f9619ff-8b86-4011-b42d-00c04fc964ff";
    expect(newTaskFromDraft({ ...emptyDraft(), title: "  Call mum " }, id)).toEqual({
      id,
      title: "Call mum",
      status: "todo",
      priority: "none",
    });
  });

  it("the assignee is sent trimmed, and an emptied one as null", () => {
    const assigned = { ...task, assignee: "Ana" };
    expect(patchFromDraft(assigned, draftFromTask(assigned))).toEqual({});
    expect(patchFromDraft(assigned, { ...draftFromTask(assigned), assignee: " Zoë " })).toEqual({
      assignee: "Zoë",
    });
    expect(patchFromDraft(assigned, { ...draftFromTask(assigned), assignee: "  " })).toEqual({
      assignee: null,
    });
    expect(patchFromDraft(task, { ...draftFromTask(task), assignee: "" })).toEqual({});
    expect(newTaskFromDraft({ ...emptyDraft(), title: "Call", assignee: " Ana " }, "id")).toMatchObject({
      assignee: "Ana",
    });
  });

  it("tags split on commas, trimmed, empty ones dropped", () => {
    expect(parseTags(" home,, errands ,")).toEqual(["home", "errands"]);
  });
});
