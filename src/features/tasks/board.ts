import {
  closestCenter,
  type ClientRect,
  type Collision,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove } from "@dnd-kit/sortable";
import type { Id } from "../../bindings/Id";
import type { Task } from "../../bindings/Task";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { STATUSES } from "./taskMeta";

/*
 * The board's drag and drop, without React: which column a card is over, where a drop puts it,
 * and how the arrow keys move a card that is picked up.
 *
 * Droppables are the columns (id `column:<status>`, also their SortableContext's id) and the
 * cards (the task's id). Columns are side by side, so the column under a dragged card is the
 * one its centre is over horizontally.
 */

const COLUMN_PREFIX = "column:";

export function columnId(status: TaskStatus): string {
  return COLUMN_PREFIX + status;
}

/** The status of a column's droppable id, or undefined for a card's. */
export function columnStatus(id: UniqueIdentifier): TaskStatus | undefined {
  const text = String(id);
  if (!text.startsWith(COLUMN_PREFIX)) return undefined;
  return STATUSES.find((status) => status === text.slice(COLUMN_PREFIX.length));
}

export type Columns = Record<TaskStatus, Id[]>;

/** A card being dragged: the task, the column it was picked up from and its order then, and
 * every column's cards as the drag has them now (a card dragged over a column joins it). */
export type BoardDrag = { task: Task; from: TaskStatus; initial: Id[]; columns: Columns };

/** The column `id` (a column's or a card's) is in during the drag. */
export function columnOf(columns: Columns, id: UniqueIdentifier): TaskStatus | undefined {
  return columnStatus(id) ?? STATUSES.find((status) => columns[status].includes(String(id)));
}

/**
 * The done column shows its newest first (sorted by `updated`, descending), not the manual
 * order: a card dropped into it goes first there, and to the backend as `{ status: "done" }`
 * without anchors (last in the manual order). Its cards are not sorted among themselves.
 */
export const DONE = "done" satisfies TaskStatus;

/**
 * The columns after the dragged card passed over `overId` in another column: it leaves its
 * column and joins that one before the card it is over (after it when past its bottom edge; at
 * the end over an empty column; first in done). Null when nothing changes.
 */
export function enterColumn(
  columns: Columns,
  activeId: Id,
  overId: UniqueIdentifier,
  below: (overId: Id) => boolean,
): Columns | null {
  const from = columnOf(columns, activeId);
  const to = columnOf(columns, overId);
  if (from === undefined || to === undefined || from === to) return null;
  const target = columns[to].filter((id) => id !== activeId);
  let index = target.length;
  if (to === DONE) index = 0;
  else if (columnStatus(overId) === undefined) {
    const overIndex = target.indexOf(String(overId));
    index = overIndex + (below(String(overId)) ? 1 : 0);
  }
  return {
    ...columns,
    [from]: columns[from].filter((id) => id !== activeId),
    [to]: [...target.slice(0, index), activeId, ...target.slice(index)],
  };
}

/** Where a drop over `overId` leaves the dragged card: its column, that column's cards, its index. */
export type DropPlace = { status: TaskStatus; ids: Id[]; index: number };

export function dropPlace(drag: BoardDrag, overId: UniqueIdentifier): DropPlace | null {
  const status = columnOf(drag.columns, overId);
  if (status === undefined) return null;
  let ids = drag.columns[status];
  const from = ids.indexOf(drag.task.id);
  if (from < 0) return null;
  const to = columnStatus(overId) === undefined ? ids.indexOf(String(overId)) : from;
  if (status !== DONE && to >= 0) ids = arrayMove(ids, from, to);
  return { status, ids, index: ids.indexOf(drag.task.id) };
}

/** The drop leaves the card where it was picked up (in its place, or anywhere in done from done). */
export function isSamePlace(drag: BoardDrag, place: DropPlace): boolean {
  if (place.status !== drag.from) return false;
  return place.status === DONE || place.ids.join("\n") === drag.initial.join("\n");
}

function rectOf(container: DroppableContainer, rects: Map<UniqueIdentifier, ClientRect>) {
  return rects.get(container.id);
}

/** The column whose horizontal span is nearest the centre of `rect` (0 when over it). */
function columnAt(
  rect: ClientRect,
  containers: DroppableContainer[],
  rects: Map<UniqueIdentifier, ClientRect>,
): DroppableContainer | undefined {
  const centre = rect.left + rect.width / 2;
  let best: { container: DroppableContainer; distance: number } | undefined;
  for (const container of containers) {
    const column = columnStatus(container.id) && rectOf(container, rects);
    if (!column) continue;
    const distance = Math.max(column.left - centre, centre - column.right, 0);
    if (!best || distance < best.distance) best = { container, distance };
  }
  return best?.container;
}

function cardsIn(column: DroppableContainer, containers: DroppableContainer[]): DroppableContainer[] {
  return containers.filter(
    (container) =>
      columnStatus(container.id) === undefined &&
      (container.data.current as { sortable?: { containerId: UniqueIdentifier } } | undefined)?.sortable
        ?.containerId === column.id,
  );
}

/**
 * What a dragged card is over: the column under its centre, and there the card nearest it
 * (nearest centre for a pointer; nearest top-left corner for the keyboard, whose moves put the
 * card's corner exactly on its target's), or the column itself when it has no cards.
 */
export const boardCollisions: CollisionDetection = (args) => {
  const { collisionRect, droppableRects, droppableContainers, pointerCoordinates } = args;
  const column = columnAt(collisionRect, droppableContainers, droppableRects);
  if (!column) return [];
  const cards = cardsIn(column, droppableContainers);
  if (cards.length === 0) return [{ id: column.id }];
  if (pointerCoordinates) return closestCenter({ ...args, droppableContainers: cards });
  const distance = (rect: ClientRect) => Math.hypot(rect.left - collisionRect.left, rect.top - collisionRect.top);
  const collisions: (Collision & { distance: number })[] = [];
  for (const card of cards) {
    const rect = rectOf(card, droppableRects);
    if (rect) collisions.push({ id: card.id, distance: distance(rect) });
  }
  return collisions.sort((a, b) => a.distance - b.distance).map(({ id }) => ({ id }));
};

const ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];

/**
 * The arrow keys on a picked-up card: Up and Down to the place of the card above or below in
 * its column, Left and Right to the next column, next to the card there nearest in height (or
 * into it when it is empty). The card's top-left corner goes onto its target's.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (!ARROWS.includes(event.code)) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const containers = droppableContainers.getEnabled();
  const column = columnAt(collisionRect, containers, droppableRects);
  const columnRect = column && droppableRects.get(column.id);
  if (!column || !columnRect) return undefined;
  const withRects = (list: DroppableContainer[]) =>
    list.flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ container, rect }] : [];
    });
  const corner = (rect: ClientRect) => ({ x: rect.left, y: rect.top });

  if (event.code === "ArrowUp" || event.code === "ArrowDown") {
    const down = event.code === "ArrowDown";
    const next = withRects(cardsIn(column, containers))
      .filter(({ rect }) => (down ? rect.top > collisionRect.top : rect.top < collisionRect.top))
      .sort((a, b) => (down ? a.rect.top - b.rect.top : b.rect.top - a.rect.top))[0];
    return next ? corner(next.rect) : undefined;
  }
  const right = event.code === "ArrowRight";
  const target = withRects(containers.filter((container) => columnStatus(container.id) !== undefined))
    .filter(({ rect }) => (right ? rect.left > columnRect.left : rect.left < columnRect.left))
    .sort((a, b) => (right ? a.rect.left - b.rect.left : b.rect.left - a.rect.left))[0];
  if (!target) return undefined;
  const nearest = withRects(cardsIn(target.container, containers)).sort(
    (a, b) => Math.abs(a.rect.top - collisionRect.top) - Math.abs(b.rect.top - collisionRect.top),
  )[0];
  return corner((nearest ?? target).rect);
};
