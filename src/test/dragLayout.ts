import { act, fireEvent } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

/** Board geometry the fake layout gives: columns side by side, cards stacked in them. */
export const COLUMN = { width: 180, gap: 20, height: 2000 };
export const CARD = { top: 40, height: 50, gap: 10, inset: 10 };

function indexIn(element: Element, selector: string): number {
  return [...(element.parentElement?.children ?? [])].filter((sibling) => sibling.matches(selector)).indexOf(element);
}

/**
 * jsdom has no layout, and dnd-kit finds where a card is dropped by the boxes of the columns and
 * cards. This gives them the boxes the app's CSS would (columns side by side; cards stacked in
 * DOM order; list rows at their `top`; the drag overlay where its inline style puts it), without
 * transforms, as dnd-kit measures them. Returns the function that puts jsdom's back.
 */
export function mockDragLayout(): () => void {
  const spy = vi.spyOn(Element.prototype, "getBoundingClientRect");
  spy.mockImplementation(function (this: Element): DOMRect {
    if (this.matches(".board-column")) {
      return new DOMRect(indexIn(this, ".board-column") * (COLUMN.width + COLUMN.gap), 0, COLUMN.width, COLUMN.height);
    }
    const column = this.closest(".board-column");
    if (this.matches(".board-card") && column) {
      const left = indexIn(column, ".board-column") * (COLUMN.width + COLUMN.gap) + CARD.inset;
      const top = CARD.top + indexIn(this, ".board-card") * (CARD.height + CARD.gap);
      return new DOMRect(left, top, COLUMN.width - 2 * CARD.inset, CARD.height);
    }
    if (this.matches(".task-row") && this instanceof HTMLElement) {
      return new DOMRect(0, Number.parseFloat(this.style.top || "0"), 1024, Number.parseFloat(this.style.height || "0"));
    }
    // The drag overlay: dnd-kit measures the first child of its fixed wrapper.
    const fixed = [this, this.parentElement].find(
      (element): element is HTMLElement => element instanceof HTMLElement && element.style.position === "fixed",
    );
    if (fixed) {
      const px = (value: string) => Number.parseFloat(value || "0");
      return new DOMRect(px(fixed.style.left), px(fixed.style.top), px(fixed.style.width), px(fixed.style.height));
    }
    return new DOMRect();
  });
  // dnd-kit scrolls a picked-up card into view when it is out of sight; jsdom cannot scroll.
  const hadScrollIntoView = "scrollIntoView" in Element.prototype;
  if (!hadScrollIntoView) Element.prototype.scrollIntoView = () => undefined;
  return () => {
    spy.mockRestore();
    if (!hadScrollIntoView) delete (Element.prototype as Partial<Element>).scrollIntoView;
  };
}

/**
 * Presses a key as a keyboard user would, then lets dnd-kit's keyboard sensor (which starts
 * listening a tick after the drag starts) and React settle.
 */
export async function press(code: "Space" | "Escape" | "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight") {
  const target = document.activeElement ?? document.body;
  await act(async () => {
    fireEvent.keyDown(target, { code, key: code === "Space" ? " " : code });
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/**
 * For a test file of drags: each test starts with no remembered layouts and the boxes above, and
 * ends any drag it left (a test that failed mid-drag would leave dnd-kit's keyboard listeners on
 * the document).
 */
export function dragTestsSetup() {
  let restore: () => void = () => undefined;
  beforeEach(() => {
    localStorage.clear();
    restore = mockDragLayout();
  });
  afterEach(() => {
    fireEvent.keyDown(document, { code: "Escape" });
    restore();
  });
}
