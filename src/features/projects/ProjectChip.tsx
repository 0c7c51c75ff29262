import type { Project } from "../../bindings/Project";

export function ColorDot({ color }: { color: string | null }) {
  return (
    <span
      className={color ? "color-dot" : "color-dot color-dot--none"}
      style={color ? { backgroundColor: color } : undefined}
      aria-hidden="true"
    />
  );
}

/** A project's name with its colour, as shown on task rows. */
export function ProjectChip({ project }: { project: Project }) {
  return (
    <span className="project-chip">
      <ColorDot color={project.color} />
      {project.name}
    </span>
  );
}
