import { useState, type FormEvent } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import type { Task } from "../../bindings/Task";
import { formErrorsFrom, NO_ERRORS, withoutFieldErrors } from "../../app/formErrors";
import { IpcError } from "../../ipc";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { FormError } from "../../ui/Field";
import { IconClose } from "../../ui/icons";
import { submitOnCtrlEnter } from "../../ui/submitOnCtrlEnter";
import { useDeleteTask, useListedAssignees, useTask, useUpdateTask } from "./api";
import type { TaskDraft } from "./draft";
import { changedFields, TASK_FIELDS, TaskFields } from "./TaskFields";
import { useTaskDraft } from "./useTaskDraft";

type EditTaskPanelProps = {
  taskId: Id;
  projects: Project[];
  onClose: () => void;
};

/** The selected task, every field editable; Escape closes it. */
export function EditTaskPanel({ taskId, projects, onClose }: EditTaskPanelProps) {
  const { data: task, isError } = useTask(taskId);
  return (
    <aside
      className="panel"
      aria-label="Edit task"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <header className="panel__header">
        <h2 className="panel__title">Edit task</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close task details"
          onClick={onClose}
        >
          <IconClose />
        </button>
      </header>
      {task ? (
        <EditTaskForm key={task.id} task={task} projects={projects} onDeleted={onClose} />
      ) : (
        <p className="panel__message">{isError ? "This task no longer exists." : "Loading…"}</p>
      )}
    </aside>
  );
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

type EditTaskFormProps = { task: Task; projects: Project[]; onDeleted: () => void };

function EditTaskForm({ task, projects, onDeleted }: EditTaskFormProps) {
  const { draft, changes, baseVersion, change, reset } = useTaskDraft(task);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [refused, setRefused] = useState<Task | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const updateTask = useUpdateTask();
  const deleteTask = useDeleteTask();
  const assignees = useListedAssignees();
  const dirty = Object.keys(changes).length > 0;
  // A newer version than the one being edited: the backend refused it, or another window's
  // change arrived while the user was typing. Either way the user chooses.
  const newer = refused ?? (dirty && task.version !== baseVersion ? task : null);

  function onChange(next: Partial<TaskDraft>) {
    change(next);
    setErrors((current) => withoutFieldErrors(current, changedFields(next)));
  }

  async function save(event?: FormEvent, expectedVersion = baseVersion) {
    event?.preventDefault();
    if (!dirty || updateTask.isPending) return;
    try {
      reset(await updateTask.mutateAsync({ id: task.id, patch: { ...changes, expectedVersion } }));
      setErrors(NO_ERRORS);
      setRefused(null);
    } catch (error) {
      if (error instanceof IpcError && error.code === "CONFLICT" && error.current) {
        setRefused(error.current as Task);
        setErrors(NO_ERRORS);
      } else {
        setErrors(formErrorsFrom(error, Object.values(TASK_FIELDS)));
      }
    }
  }

  function reload(current: Task) {
    reset(current);
    setRefused(null);
    setErrors(NO_ERRORS);
  }

  return (
    <>
      <form className="form panel__body" onSubmit={(event) => void save(event)} onKeyDown={submitOnCtrlEnter(save)} noValidate>
        {newer && (
          <div className="conflict" role="alert">
            <p className="conflict__message">
              <strong>Changed in another window.</strong> Reload to see that version and lose your
              edits here, or overwrite it with the fields you changed.
            </p>
            <div className="conflict__actions">
              <button type="button" className="button" onClick={() => reload(newer)}>
                Reload
              </button>
              <button
                type="button"
                className="button button--danger-quiet"
                disabled={updateTask.isPending}
                onClick={() => void save(undefined, newer.version)}
              >
                Overwrite
              </button>
            </div>
          </div>
        )}
        <TaskFields
          draft={draft}
          onChange={onChange}
          errors={errors.fields}
          projects={projects}
          assignees={assignees}
        />
        <FormError error={errors.form} />
        <div className="panel__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={!dirty || updateTask.isPending}
          >
            Save
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            onClick={() => setConfirmingDelete(true)}
          >
            Delete task
          </button>
        </div>
        <p className="panel__meta">
          Created {task.createdBy !== null && `by ${task.createdBy}, `}
          {DATE_TIME.format(new Date(task.createdAt))}
          <br />
          Updated {DATE_TIME.format(new Date(task.updatedAt))}
          {task.completedAt && (
            <>
              <br />
              Completed {DATE_TIME.format(new Date(task.completedAt))}
            </>
          )}
        </p>
      </form>
      {confirmingDelete && (
        <ConfirmDialog
          title="Delete task?"
          confirmLabel="Delete"
          onConfirm={() => deleteTask.mutateAsync(task.id).then(onDeleted)}
          onClose={() => setConfirmingDelete(false)}
        >
          <p>“{task.title}” will be deleted for good.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
