import { expect } from "vitest";

/** Any id the client chose for a new task or project: a random (v4) UUID, new per dialog. */
export const A_NEW_ID = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
) as string;
