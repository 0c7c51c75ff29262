import type { AppError } from "../bindings/AppError";
import type { CommandName } from "../bindings/commands";
import type { ErrorCode } from "../bindings/ErrorCode";

/** The backend's codes, plus `UNKNOWN` for a rejection that is not an `AppError`. */
export type IpcErrorCode = ErrorCode | "UNKNOWN";

/** A command that failed: the backend's `AppError`, or anything else normalised to `UNKNOWN`. */
export class IpcError extends Error {
  readonly command: CommandName;
  readonly code: IpcErrorCode;
  /** The input field the backend blames, e.g. `title`, or the JSON path of a malformed argument. */
  readonly field?: string;
  /** On a `CONFLICT` with a newer version: the record as it is now. */
  readonly current?: AppError["current"];

  constructor(
    command: CommandName,
    code: IpcErrorCode,
    message: string,
    field?: string,
    current?: AppError["current"],
  ) {
    super(message);
    this.name = "IpcError";
    this.command = command;
    this.code = code;
    if (field !== undefined) this.field = field;
    if (current !== undefined) this.current = current;
  }
}

/** A command that did not answer in time; the backend may still be working on it. */
export class TimeoutError extends Error {
  readonly command: CommandName;
  readonly ms: number;

  constructor(command: CommandName, ms: number) {
    super(`${command} timed out after ${ms} ms`);
    this.name = "TimeoutError";
    this.command = command;
    this.ms = ms;
  }
}

// A Record keeps this list complete: a new ErrorCode in Rust fails the type check here.
const KNOWN_CODES: Record<ErrorCode, true> = {
  VALIDATION: true,
  NOT_FOUND: true,
  CONFLICT: true,
  DATABASE: true,
  INTERNAL: true,
  CANCELLED: true,
};

function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message, field, current } = value as Record<string, unknown>;
  return (
    typeof code === "string" &&
    Object.hasOwn(KNOWN_CODES, code) &&
    typeof message === "string" &&
    (field === undefined || field === null || typeof field === "string") &&
    (current === undefined || (typeof current === "object" && current !== null))
  );
}

function describeRejection(command: CommandName, reason: unknown): string {
  if (typeof reason === "string" && reason.trim() !== "") return reason;
  if (reason instanceof Error && reason.message !== "") return reason.message;
  return `${command} failed without an error message`;
}

/** Turns whatever `invoke` rejected with into an `IpcError`. */
export function toIpcError(command: CommandName, reason: unknown): IpcError {
  if (isAppError(reason)) {
    return new IpcError(command, reason.code, reason.message, reason.field ?? undefined, reason.current);
  }
  return new IpcError(command, "UNKNOWN", describeRejection(command, reason));
}
