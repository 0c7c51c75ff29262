import type { CommandName } from "../bindings/commands";
import { IpcError } from "./errors";

/** Deeper than any argument of the contract; the backend's JSON parser stops at 128 levels. */
export const MAX_ARGUMENT_DEPTH = 32;

/**
 * Refuses, before sending, arguments the backend could never read: text with a lone UTF-16
 * surrogate (JavaScript strings allow it, JSON text in UTF-8 cannot carry it) and nesting deeper
 * than the contract has. Tauri would reject such a body before any command runs, with an untyped
 * string; here it becomes a `VALIDATION` error naming the argument's path, like the backend's own.
 */
export function checkSendable(command: CommandName, args: unknown): void {
  const problem = findProblem(args, "", 0);
  if (problem) throw new IpcError(command, "VALIDATION", problem.message, problem.path || undefined);
}

type Problem = { path: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function findProblem(value: unknown, path: string, depth: number): Problem | null {
  if (depth > MAX_ARGUMENT_DEPTH) {
    return { path, message: `\`${path}\` is nested too deeply (at most ${MAX_ARGUMENT_DEPTH} levels)` };
  }
  if (typeof value === "string") {
    return LONE_SURROGATE.test(value)
      ? { path, message: `\`${path}\` contains a broken character (a lone UTF-16 surrogate)` }
      : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findProblem(item, `${path}[${index}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findProblem(item, path === "" ? key : `${path}.${key}`, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}
