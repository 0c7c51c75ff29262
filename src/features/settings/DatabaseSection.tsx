import { useState } from "react";
import type { DatabaseCheck } from "../../bindings/DatabaseCheck";
import { describeError } from "../../app/describeError";
import { invokeAppCheckDatabase, invokeAppRestart, invokeAppSetDatabase } from "../../ipc";
import { Field, FormError } from "../../ui/Field";
import { useAppStatus } from "../status/StatusBar";
import { linkLabel } from "../status/format";

type Target = "local" | "server";
const SSL_MODES = ["disable", "prefer", "require", "verify-full"] as const;
type SslMode = (typeof SSL_MODES)[number];

export type ServerFields = {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
};

/** The URL the fields stand for; the URL API encodes what needs it (a `@` or `/` in a password). */
export function serverUrl(fields: ServerFields): string {
  const url = new URL(`postgres://${fields.host.trim() || "localhost"}`);
  url.port = fields.port.trim();
  url.pathname = `/${fields.database.trim()}`;
  url.username = fields.user.trim();
  url.password = fields.password;
  url.searchParams.set("sslmode", fields.sslmode);
  return url.toString();
}

/** What "Test connection" found, in words. */
export function describeCheck(check: DatabaseCheck): string {
  const server = check.serverVersion ? `Connected to PostgreSQL ${check.serverVersion}.` : "The file can be opened.";
  switch (check.schema) {
    case "empty":
      return `${server} The database is empty: Tasklane sets it up when it opens it.`;
    case "older":
      return `${server} It was set up by an older Tasklane and is brought up to date when Tasklane opens it.`;
    case "current":
      return `${server} It is up to date.`;
    case "newer":
      return `${server} It was set up by a newer Tasklane.`;
  }
}

/** Settings → Database: which database is open, and switching between this computer's file and a
 * team server (docs/TEAM.md). A switch takes effect when Tasklane restarts. */
export function DatabaseSection() {
  const { data: status } = useAppStatus();
  const [target, setTarget] = useState<Target>(status?.server ? "server" : "local");
  const [fields, setFields] = useState<ServerFields>({
    host: "",
    port: "5432",
    database: "tasklane",
    user: "",
    password: "",
    sslmode: "prefer",
  });
  const [pasted, setPasted] = useState("");
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const edit = (change: Partial<ServerFields>) => {
    setFields((current) => ({ ...current, ...change }));
    setFound(null);
    setError(null);
    setSaved(false);
  };
  const url = () => (pasted.trim() !== "" ? pasted.trim() : serverUrl(fields));
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFound(null);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  const test = () => run(async () => setFound(describeCheck(await invokeAppCheckDatabase(url()))));
  const use = () =>
    run(async () => {
      const check = await invokeAppSetDatabase(target === "server" ? url() : null);
      if (check) setFound(describeCheck(check));
      setSaved(true);
    });

  const open = status?.server
    ? `Team server: ${status.server.url} (${linkLabel(status.server.state)})`
    : `This computer: ${status?.dbPath ?? "a database in memory"}`;

  return (
    <fieldset className="fieldset database-settings">
      <legend className="field__label">Database</legend>
      <p className="field__hint">Open now: {status ? open : "…"}</p>
      <div className="segmented">
        {(
          [
            ["local", "This computer"],
            ["server", "Team server (PostgreSQL)"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="segmented__option">
            <input
              type="radio"
              name="database-target"
              value={value}
              checked={target === value}
              onChange={() => {
                setTarget(value);
                setFound(null);
                setError(null);
                setSaved(false);
              }}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {target === "server" && (
        <div className="database-settings__server">
          <Field label="Server">
            {(control) => (
              <input {...control} className="input" placeholder="db.example.org" value={fields.host} onChange={(e) => edit({ host: e.target.value })} />
            )}
          </Field>
          <Field label="Port">
            {(control) => (
              <input {...control} className="input" inputMode="numeric" value={fields.port} onChange={(e) => edit({ port: e.target.value })} />
            )}
          </Field>
          <Field label="Database name">
            {(control) => (
              <input {...control} className="input" value={fields.database} onChange={(e) => edit({ database: e.target.value })} />
            )}
          </Field>
          <Field label="User">
            {(control) => (
              <input {...control} className="input" autoComplete="username" value={fields.user} onChange={(e) => edit({ user: e.target.value })} />
            )}
          </Field>
          <Field label="Password">
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="current-password"
                value={fields.password}
                onChange={(e) => edit({ password: e.target.value })}
              />
            )}
          </Field>
          <Field label="TLS (sslmode)">
            {(control) => (
              <select {...control} className="input" value={fields.sslmode} onChange={(e) => edit({ sslmode: e.target.value as SslMode })}>
                {SSL_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {mode}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Or paste a URL" hint="postgres://user:password@host:5432/tasklane?sslmode=require">
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                value={pasted}
                onChange={(e) => {
                  setPasted(e.target.value);
                  edit({});
                }}
              />
            )}
          </Field>
        </div>
      )}
      <FormError error={error} />
      {found && (
        <p className="field__hint" role="status">
          {found}
        </p>
      )}
      {saved ? (
        <p className="database-settings__saved" role="status">
          Saved. Tasklane opens {target === "server" ? "the team server" : "this computer's database"} when it
          restarts.{" "}
          <button type="button" className="button button--primary" onClick={() => void invokeAppRestart()}>
            Restart now
          </button>
        </p>
      ) : (
        <div className="database-settings__actions">
          {target === "server" && (
            <button type="button" className="button" disabled={busy} onClick={() => void test()}>
              {busy ? "Testing…" : "Test connection"}
            </button>
          )}
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void use()}>
            Use this database
          </button>
        </div>
      )}
    </fieldset>
  );
}
