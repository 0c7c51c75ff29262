import { useId, useState, type Ref } from "react";
import { IconClose } from "../../ui/icons";
import { filterChips, NO_FILTERS, SORT_CHOICES, type Filters, type ListOptions } from "./filters";
import type { Layout } from "./layout";
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from "./taskMeta";

type FiltersBarProps = {
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** The order, and whether done tasks are listed. */
  options: ListOptions;
  onOptionsChange: (options: ListOptions) => void;
  /** Tags to suggest in the tag filter. */
  knownTags: string[];
  /** Names to suggest in the assignee filter. */
  knownAssignees: string[];
  searchRef: Ref<HTMLInputElement>;
  /** A board has its own order (manual; done by recency) and always a done column: no sort or Show done. */
  layout: Layout;
};

function added<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values : [...values, value];
}

/** A select that adds the value picked to a filter, then shows its placeholder again. */
function AddFilterSelect<T extends string>(props: {
  label: string;
  placeholder: string;
  options: readonly T[];
  optionLabels: Record<T, string>;
  onAdd: (value: T) => void;
}) {
  const { label, placeholder, options, optionLabels, onAdd } = props;
  return (
    <select
      className="input"
      aria-label={label}
      value=""
      onChange={(event) => onAdd(event.target.value as T)}
    >
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {optionLabels[option]}
        </option>
      ))}
    </select>
  );
}

/** Search, status, priority, tag and assignee filters, the active ones as removable chips. */
export function FiltersBar(props: FiltersBarProps) {
  const { filters, onChange, options, onOptionsChange, knownTags, knownAssignees, searchRef, layout } = props;
  const sortChoice =
    SORT_CHOICES.find((choice) => choice.sort === options.sort && choice.descending === options.descending) ??
    SORT_CHOICES[0];
  const tagListId = useId();
  const assigneeListId = useId();
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
        <AddFilterSelect
          label="Filter by status"
          placeholder="Status…"
          options={STATUSES.filter((status) => !filters.statuses.includes(status))}
          optionLabels={STATUS_LABELS}
          onAdd={(status) => onChange({ ...filters, statuses: added(filters.statuses, status) })}
        />
        <AddFilterSelect
          label="Filter by priority"
          placeholder="Priority…"
          options={PRIORITIES.filter((priority) => !filters.priorities.includes(priority))}
          optionLabels={PRIORITY_LABELS}
          onAdd={(priority) =>
            onChange({ ...filters, priorities: added(filters.priorities, priority) })
          }
        />
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
        <input
          className="input filters__assignee"
          aria-label="Filter by assignee"
          placeholder="Assigned to…"
          autoComplete="off"
          list={assigneeListId}
          value={filters.assignee}
          onChange={(event) => onChange({ ...filters, assignee: event.target.value })}
        />
        <datalist id={assigneeListId}>
          {knownAssignees.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {layout === "list" && (
          <>
            <select
              className="input"
              aria-label="Sort tasks"
              value={sortChoice.value}
              onChange={(event) => {
                const choice = SORT_CHOICES.find((candidate) => candidate.value === event.target.value);
                if (choice) onOptionsChange({ ...options, sort: choice.sort, descending: choice.descending });
              }}
            >
              {SORT_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--toggle"
              aria-pressed={options.showDone}
              onClick={() => onOptionsChange({ ...options, showDone: !options.showDone })}
            >
              Show done tasks
            </button>
          </>
        )}
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
