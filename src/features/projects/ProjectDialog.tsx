import { useState, type FormEvent } from "react";
import type { NewProject } from "../../bindings/NewProject";
import type { Project } from "../../bindings/Project";
import type { ProjectPatch } from "../../bindings/ProjectPatch";
import { formErrorsFrom, NO_ERRORS, withoutFieldErrors } from "../../app/formErrors";
import { Field, FormError } from "../../ui/Field";
import { Modal } from "../../ui/Modal";
import { useCreateProject, useUpdateProject } from "./api";
import { ColorPicker } from "./ColorPicker";

const PROJECT_FIELDS = ["name", "color", "description"];

type ProjectDialogProps = {
  /** The project to edit; none to create one. */
  project?: Project;
  onClose: () => void;
  /** Edit mode only: hands over to the delete confirmation. */
  onDelete?: (project: Project) => void;
};

type ProjectDraft = { name: string; color: string | null; description: string };

/** What the form changed; the version it was made from is added when it is sent. */
function changes(project: Project, draft: ProjectDraft): Omit<ProjectPatch, "expectedVersion"> {
  const patch: Omit<ProjectPatch, "expectedVersion"> = {};
  const name = draft.name.trim();
  const description = draft.description.trim();
  if (name !== project.name) patch.name = name;
  if (draft.color !== project.color) patch.color = draft.color;
  if (description !== (project.description ?? ""))
    patch.description = description === "" ? null : description;
  return patch;
}

function newProject(draft: ProjectDraft, id: string): NewProject {
  const input: NewProject = { id, name: draft.name.trim() };
  const description = draft.description.trim();
  if (draft.color !== null) input.color = draft.color;
  if (description !== "") input.description = description;
  return input;
}

/** Creates a project, or renames, recolours, archives or deletes one. */
export function ProjectDialog({ project, onClose, onDelete }: ProjectDialogProps) {
  const [draft, setDraft] = useState<ProjectDraft>({
    name: project?.name ?? "",
    color: project ? project.color : "#3b82f6",
    description: project?.description ?? "",
  });
  const [errors, setErrors] = useState(NO_ERRORS);
  // One id per dialog: pressing Create again after a timeout retries the same project.
  const [newId] = useState(() => crypto.randomUUID());
  const createProject = useCreateProject();
  const updateProject = useUpdateProject();
  const pending = createProject.isPending || updateProject.isPending;

  function change(field: keyof ProjectDraft, next: Partial<ProjectDraft>) {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => withoutFieldErrors(current, [field]));
  }

  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      onClose();
    } catch (error) {
      setErrors(formErrorsFrom(error, PROJECT_FIELDS));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!project) {
      void run(() => createProject.mutateAsync(newProject(draft, newId)));
      return;
    }
    const fields = changes(project, draft);
    if (Object.keys(fields).length === 0) onClose();
    else {
      const patch = { ...fields, expectedVersion: project.version };
      void run(() => updateProject.mutateAsync({ id: project.id, patch }));
    }
  }

  return (
    <Modal title={project ? "Edit project" : "New project"} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Project name" error={errors.fields.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.name}
              autoComplete="off"
              onChange={(event) => change("name", { name: event.target.value })}
              data-autofocus
            />
          )}
        </Field>
        <ColorPicker
          value={draft.color}
          onChange={(color) => change("color", { color })}
          error={errors.fields.color}
        />
        <Field label="Description" error={errors.fields.description}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={2}
              value={draft.description}
              onChange={(event) => change("description", { description: event.target.value })}
            />
          )}
        </Field>
        <FormError error={errors.form} />
        <div className="modal__actions">
          {project && (
            <span className="modal__actions-start">
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() =>
                  void run(() =>
                    updateProject.mutateAsync({
                      id: project.id,
                      patch: { expectedVersion: project.version, archived: !project.archived },
                    }),
                  )
                }
              >
                {project.archived ? "Unarchive project" : "Archive project"}
              </button>
              <button
                type="button"
                className="button button--danger-quiet"
                onClick={() => onDelete?.(project)}
              >
                Delete project
              </button>
            </span>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={pending}>
            {project ? "Save" : "Create project"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
