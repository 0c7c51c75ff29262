import {
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DraggableAttributes,
  type DraggableSyntheticListeners,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from "@dnd-kit/core";
import type { Ref } from "react";
import type { Id } from "../../bindings/Id";
import { IconGrip } from "../../ui/icons";

/**
 * Drag and drop of tasks (board cards and list rows), shared by both.
 *
 * Mouse and pen: a press that moves 5 px picks a task up, so a click still opens it. Touch: by
 * the handle (which has `touch-action: none`); a finger elsewhere scrolls. Keyboard, on the
 * focused handle: Space picks up, the arrows move, Space (or Enter) drops, Escape cancels. Enter
 * does not pick up: on a card it opens the task.
 */
export function useTaskDragSensors(coordinateGetter: KeyboardCoordinateGetter) {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter", "Tab"] },
    }),
  );
}

export const DRAG_INSTRUCTIONS: ScreenReaderInstructions = {
  draggable:
    "To move this task, press Space. Then use the arrow keys to move it, Space to drop it where it is, or Escape to cancel.",
};

/** The announcement when a drag is cancelled (Escape, or dropped outside any place). */
export const DRAG_CANCELLED = "Moving was cancelled.";

/**
 * Where the task at `index` of `ids` stands, for an announcement: "before Buy milk" (the task
 * after it), else "after Call Anna", else "" (it is alone).
 */
export function placeWords(ids: readonly Id[], index: number, titleOf: (id: Id) => string): string {
  const next = ids[index + 1];
  const previous = ids[index - 1];
  if (next !== undefined) return `before ${titleOf(next)}`;
  if (previous !== undefined) return `after ${titleOf(previous)}`;
  return "";
}

type DragHandleProps = {
  title: string;
  /** From useSortable: the role, description and pressed state of a draggable. */
  attributes: DraggableAttributes;
  /** From useSortable, when the handle (not the whole card) is what the pointer picks up. */
  listeners?: DraggableSyntheticListeners;
  activatorRef: Ref<HTMLButtonElement>;
  /** In the tab order (the list's rows keep one row's controls there). */
  tabbable?: boolean;
};

/** The grip a task is moved by: with the keyboard always, with a pointer where `listeners` are given. */
export function DragHandle({ title, attributes, listeners, activatorRef, tabbable = true }: DragHandleProps) {
  return (
    <button
      type="button"
      ref={activatorRef}
      className="drag-handle"
      {...attributes}
      {...listeners}
      aria-label={`Reorder ${title}`}
      tabIndex={tabbable ? 0 : -1}
    >
      <IconGrip />
    </button>
  );
}
