import type { Task } from "../bindings/Task";

/**
 * The backend's full-text search (SQLite FTS5, tokenizer `unicode61 remove_diacritics 2`, see
 * src-tauri/src/db/task_query.rs), for the fake backend.
 *
 * Each whitespace-separated term of the text must match in one field (title, description, or
 * the tag names): its words appear there one after another, the last one as a prefix. Words
 * are runs of letters, digits and private-use characters, compared without accents and case.
 * Text with no word at all is looked for literally in the title and description instead.
 */
export function matchesSearch(task: Task, text: string): boolean {
  const terms = text
    .split(/\s+/)
    .map(words)
    .filter((term) => term.length > 0);
  if (terms.length === 0) {
    const literal = foldAscii(text.trim());
    return foldAscii(task.title).includes(literal) || foldAscii(task.description ?? "").includes(literal);
  }
  const fields = [task.title, task.description ?? "", task.tags.join(" ")].map(words);
  return terms.every((term) => fields.some((field) => containsPhrase(field, term)));
}

/** Like SQLite's LIKE: only ASCII letters fold case. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The words of `text` as the tokenizer indexes them: accents dropped (a combining accent typed
 * after its letter stays inside the word, as in FTS5, so "e\u0301te" is one word), lower case.
 * The Rust property test checks the same model against SQLite itself.
 */
export function words(text: string): string[] {
  const folded = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return folded.match(WORD) ?? [];
}

/** `term` appears in `field` word for word, its last word as a prefix. */
function containsPhrase(field: readonly string[], term: readonly string[]): boolean {
  const last = term.length - 1;
  for (let start = 0; start + last < field.length; start++) {
    const fits = term.every((word, offset) => {
      const fieldWord = field[start + offset] ?? "";
      return offset === last ? fieldWord.startsWith(word) : fieldWord === word;
    });
    if (fits) return true;
  }
  return false;
}
