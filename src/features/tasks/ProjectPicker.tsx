import { useId } from "react";
import type { Id } from "../../bindings/Id";
import type { Project } from "../../bindings/Project";
import { FieldError } from "../../ui/Field";
import { ColorDot } from "../projects/ProjectChip";

type ProjectPickerProps = {
  projects: Project[];
  value: Id[];
  onChange: (projectIds: Id[]) => void;
  error?: string | undefined;
};

/** "Projects": one checkbox per open project (archived ones only while already chosen). */
export function ProjectPicker({ projects, value, onChange, error }: ProjectPickerProps) {
  const legendId = useId();
  const errorId = useId();
  const choices = projects.filter((project) => !project.archived || value.includes(project.id));
  const toggle = (id: Id, checked: boolean) =>
    onChange(checked ? [...value, id] : value.filter((chosen) => chosen !== id));
  return (
    <fieldset
      className="field fieldset"
      aria-labelledby={legendId}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={Boolean(error)}
    >
      <legend id={legendId} className="field__label">
        Projects
      </legend>
      {choices.length === 0 ? (
        <span className="field__hint">No projects yet: this task goes to the Inbox.</span>
      ) : (
        <div className="project-picker">
          {choices.map((project) => (
            <label key={project.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.includes(project.id)}
                onChange={(event) => toggle(project.id, event.target.checked)}
              />
              <ColorDot color={project.color} />
              <span>{project.name}</span>
            </label>
          ))}
        </div>
      )}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
