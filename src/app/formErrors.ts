import { IpcError } from "../ipc";
import { describeError } from "./describeError";

/** Errors of a form: the backend's message next to the field it names, anything else for the form. */
export type FormErrors = {
  fields: Partial<Record<string, string>>;
  form: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * The form field an error's `field` names: operations name the field (`title`), malformed
 * arguments give their JSON path (`input.tags[3]`), whose last key is the field.
 */
export function formFieldOf(field: string): string {
  return field.replace(/\[\d+\]$/, "").split(".").pop() ?? field;
}

/** Puts a validation error next to its field when the form has that field. */
export function formErrorsFrom(error: unknown, fields: readonly string[]): FormErrors {
  if (error instanceof IpcError && error.field !== undefined) {
    const field = formFieldOf(error.field);
    if (fields.includes(field)) return { fields: { [field]: error.message }, form: null };
  }
  return { fields: {}, form: describeError(error) };
}

/** The form minus the errors of the fields just edited. */
export function withoutFieldErrors(errors: FormErrors, edited: readonly string[]): FormErrors {
  const fields = { ...errors.fields };
  for (const field of edited) delete fields[field];
  return { ...errors, fields };
}
