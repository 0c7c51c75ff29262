import type { TagCount } from "../bindings/TagCount";
import type { TagQuery } from "../bindings/TagQuery";
import { invokeWithTimeout, TIMEOUT_MS } from "./invoke";

/** Tags whose name contains `search` (ignoring case), prefix matches and the most used first. */
export function invokeDbGetTags(query: TagQuery = {}): Promise<TagCount[]> {
  return invokeWithTimeout("db_get_tags", { ...query }, TIMEOUT_MS.read);
}
