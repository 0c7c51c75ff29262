import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeBackend, makeProject, makeTask } from "../../test/fakeBackend";
import { renderApp } from "../../test/renderApp";

describe("the task list", () => {
  it("renders only the rows in sight out of 10,000 tasks", async () => {
    const tasks = Array.from({ length: 10_000 }, (_, index) =>
      makeTask({ title: `Task ${index + 1}` }),
    );
    installFakeBackend({ tasks });
    renderApp();

    const first = await screen.findByRole("button", { name: "Task 1" });
    const rows = within(screen.getByRole("list", { name: "Tasks" })).getAllByRole("listitem");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(first.closest("li")).toHaveAttribute("aria-setsize", "10000");
    expect(screen.queryByRole("button", { name: "Task 10000" })).not.toBeInTheDocument();
  });

  it("shows priority, tags, coloured project chips and an overdue due date", async () => {
    const home = makeProject({ name: "Home", color: "#22a06b" });
    installFakeBackend({
      projects: [home],
      tasks: [
        makeTask({
          title: "Renew passport",
          priority: "urgent",
          tags: ["admin"],
          projectIds: [home.id],
          dueAt: "2020-01-15T00:00:00.000Z",
        }),
      ],
    });
    renderApp();

    const row = (await screen.findByRole("button", { name: "Renew passport" })).closest("li");
    if (!row) throw new Error("row not found");
    expect(row).toHaveTextContent("Urgent");
    expect(row).toHaveTextContent("#admin");
    expect(within(row).getByText("Home")).toBeInTheDocument();
    const due = row.querySelector("time");
    expect(due).toHaveClass("due--overdue");
    expect(due).toHaveTextContent(/^Overdue, due .*2020/);
  });
});
