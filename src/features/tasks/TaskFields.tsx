import { useId } from "react";
import type { Project } from "../../bindings/Project";
import type { TaskPriority } from "../../bindings/TaskPriority";
import type { TaskStatus } from "../../bindings/TaskStatus";
import { Field } from "../../ui/Field";
import type { TaskDraft } from "./draft";
import { ProjectPicker } from "./ProjectPicker";
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from "./taskMeta";

/** The backend's field names (`AppError.field`) for each draft key. */
export const TASK_FIELDS: Record<keyof TaskDraft, string> = {
  title: "title",
  description: "description",
  status: "status",
  priority: "priority",
  tags: "tags",
  projectIds: "projectIds",
  due: "dueAt",
  assignee: "assignee",
};

type TaskFieldsProps = {
  draft: TaskDraft;
  onChange: (change: Partial<TaskDraft>) => void;
  /** Messages keyed by backend field name. */
  errors: Partial<Record<string, string>>;
  projects: Project[];
  /** Names to suggest for "Assigned to"; without them the field is left out (the create dialog). */
  assignees?: readonly string[];
};

/** Every editable field of a task; shared by the create dialog and the edit panel. */
export function TaskFields({ draft, onChange, errors, projects, assignees }: TaskFieldsProps) {
  const assigneeListId = useId();
  return (
    <div className="task-fields">
      <Field label="Title" error={errors.title}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={draft.title}
            onChange={(event) => onChange({ title: event.target.value })}
            autoComplete="off"
            data-autofocus
          />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={draft.description}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </Field>
      <div className="task-fields__row">
        <Field label="Status" error={errors.status}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={draft.status}
              onChange={(event) => onChange({ status: event.target.value as TaskStatus })}
            >
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Priority" error={errors.priority}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={draft.priority}
              onChange={(event) => onChange({ priority: event.target.value as TaskPriority })}
            >
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {PRIORITY_LABELS[priority]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Due date" error={errors.dueAt}>
          {(control) => (
            <span className="input-with-action">
              <input
                {...control}
                type="date"
                className="input"
                value={draft.due}
                onChange={(event) => onChange({ due: event.target.value })}
              />
              {draft.due !== "" && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => onChange({ due: "" })}
                >
                  Clear due date
                </button>
              )}
            </span>
          )}
        </Field>
      </div>
      <Field label="Tags" error={errors.tags} hint="Separate tags with commas">
        {(control) => (
          <input
            {...control}
            className="input"
            value={draft.tags}
            placeholder="errands, home"
            autoComplete="off"
            onChange={(event) => onChange({ tags: event.target.value })}
          />
        )}
      </Field>
      {assignees && (
        <Field label="Assigned to" error={errors.assignee}>
          {(control) => (
            <>
              <input
                {...control}
                className="input"
                value={draft.assignee}
                placeholder="Nobody"
                autoComplete="off"
                list={assigneeListId}
                onChange={(event) => onChange({ assignee: event.target.value })}
              />
              <datalist id={assigneeListId}>
                {assignees.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      )}
      <ProjectPicker
        projects={projects}
        value={draft.projectIds}
        onChange={(projectIds) => onChange({ projectIds })}
        error={errors.projectIds}
      />
    </div>
  );
}

/** The backend field names touched by a change, to drop their stale errors. */
export function changedFields(change: Partial<TaskDraft>): string[] {
  return (Object.keys(change) as (keyof TaskDraft)[]).map((key) => TASK_FIELDS[key]);
}
