import type { DatabaseCheck } from "../../bindings/DatabaseCheck";

export const SSL_MODES = ["disable", "prefer", "require", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What the team server's form holds, as typed. */
export type ServerFields = {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
};

/** What is wrong with the fields that cannot be left to the server to judge. */
export type ServerFieldErrors = Partial<Record<"host" | "port", string>>;

export type ServerUrl = { url: string; errors?: never } | { url?: never; errors: ServerFieldErrors };

/**
 * The `postgres://` URL the fields stand for, or why they do not make one.
 *
 * The URL API's setters encode `@`, `:` and `/` but leave `%` alone (it would be read as an
 * escape), so each part is encoded in full first. A port it cannot read, or a host with more than
 * a name in it (`db:6543`, `ana@db`), the setters would drop without a word: those are errors.
 */
export function serverUrl(fields: ServerFields): ServerUrl {
  const host = fields.host.trim();
  const port = fields.port.trim();
  const errors: ServerFieldErrors = {};
  let url: URL | null = null;
  try {
    url = new URL(`postgres://${host}`);
  } catch {
    // A space or the like: reported as a bad host below.
  }
  if (host === "") {
    errors.host = "Enter the server's name or address, e.g. db.example.org.";
  } else if (url?.hostname !== host) {
    errors.host = "Enter only the server's name or address, e.g. db.example.org or 10.0.0.5 (the port has its own field).";
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    errors.port = "Enter a port from 1 to 65535 (PostgreSQL's usual one is 5432).";
  }
  if (url === null || errors.host || errors.port) return { errors };
  url.port = port;
  url.pathname = `/${encodeURIComponent(fields.database.trim())}`;
  url.username = encodeURIComponent(fields.user.trim());
  url.password = encodeURIComponent(fields.password);
  url.searchParams.set("sslmode", fields.sslmode);
  return { url: url.toString() };
}

/** What "Test connection" found, in words. */
export function describeCheck(check: DatabaseCheck): string {
  const found = check.serverVersion
    ? `Connected to PostgreSQL ${check.serverVersion}.`
    : "The file can be opened.";
  switch (check.schema) {
    case "empty":
      return `${found} The database is empty: Tasklane sets it up when it opens it.`;
    case "older":
      return `${found} It was set up by an older Tasklane and is brought up to date when Tasklane opens it.`;
    case "current":
      return `${found} It is up to date.`;
    case "newer":
      return `${found} It was set up by a newer Tasklane, so this one cannot use it: update Tasklane first.`;
  }
}
