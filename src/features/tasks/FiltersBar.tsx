import { useId, useState, type Ref } from "react";
import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { IconClose } from "../../ui/icons";
import { filterChips, NO_FILTERS, type Filters } from "./filters";
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from "./taskMeta";

type FiltersBarProps = {
  filters: Filters;
  onChange: (filters: Filters) => void;
  showDone: boolean;
  onShowDoneChange: (showDone: boolean) => void;
  /** Tags to suggest in the tag filter. */
  knownTags: string[];
  searchRef: Ref<HTMLInputElement>;
};

function added<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values : [...values, value];
}

/** Search, status, priority and tag filters, the active ones as removable chips. */
export function FiltersBar(props: FiltersBarProps) {
  const { filters, onChange, showDone, onShowDoneChange, knownTags, searchRef } = props;
  const tagListId = useId();
  const [tagText, setTagText] = useState("");
  const chips = filterChips(filters);

  function addTag() {
    const tag = tagText.trim();
    if (tag === "") return;
    onChange({ ...filters, tags: added(filters.tags, tag) });
    setTagText("");
  }

  return (
    <div className="filters">
      <div className="filters__controls" role="search" aria-label="Filter tasks">
        <input
          ref={searchRef}
          type="search"
          className="input filters__search"
          aria-label="Search tasks"
          placeholder="Search tasks  ( / )"
          value={filters.search}
          onChange={(event) => onChange({ ...filters, search: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === "Escape" && filters.search !== "") {
              event.preventDefault();
              onChange({ ...filters, search: "" });
            }
          }}
        />
        <select
          className="input"
          aria-label="Filter by status"
          value=""
          onChange={(event) =>
            onChange({
              ...filters,
              statuses: added(filters.statuses, event.target.value as TaskStatus),
            })
          }
        >
          <option value="">Status…</option>
          {STATUSES.filter((status) => !filters.statuses.includes(status)).map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Filter by priority"
          value=""
          onChange={(event) =>
            onChange({
              ...filters,
              priorities: added(filters.priorities, event.target.value as TaskPriority),
            })
          }
        >
          <option value="">Priority…</option>
          {PRIORITIES.filter((priority) => !filters.priorities.includes(priority)).map(
            (priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ),
          )}
        </select>
        <input
          className="input filters__tag"
          aria-label="Filter by tag"
          placeholder="Tag + Enter"
          list={tagListId}
          value={tagText}
          onChange={(event) => setTagText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              addTag();
            }
          }}
        />
        <datalist id={tagListId}>
          {knownTags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button
          type="button"
          className="button button--toggle"
          aria-pressed={showDone}
          onClick={() => onShowDoneChange(!showDone)}
        >
          Show done tasks
        </button>
      </div>
      {chips.length > 0 && (
        <div className="filters__active">
          <ul className="chips" aria-label="Active filters">
            {chips.map((chip) => (
              <li key={chip.key} className="chip">
                <span>{chip.label}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove filter ${chip.label}`}
                  onClick={() => onChange(chip.without)}
                >
                  <IconClose />
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onChange(NO_FILTERS)}
          >
            Clear filters
          </button>
        </div>
      )}
    </div>
  );
}
