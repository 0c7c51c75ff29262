import { useEffect, useRef, useState, type MouseEvent } from "react";
import { describeError } from "../../app/describeError";
import { invokeAppCheckDatabase, invokeAppRestart, invokeAppSetDatabase } from "../../ipc";
import { Field, FormError } from "../../ui/Field";
import { Segmented } from "../../ui/Segmented";
import { useAppStatus } from "../status/StatusBar";
import { linkLabel } from "../status/format";
import {
  describeCheck,
  serverUrl,
  SSL_MODES,
  type ServerFieldErrors,
  type ServerFields,
  type SslMode,
} from "./databaseUrl";

type Target = "local" | "server";
/** The call in flight: every control waits for it, and its button says so. */
type Busy = "test" | "use" | "restart" | null;

const TARGETS = [
  { value: "local", label: "This computer" },
  { value: "server", label: "Team server (PostgreSQL)" },
] as const;

/** Settings → Database: which database is open, and switching between this computer's file and a
 * team server (docs/TEAM.md). A switch takes effect when Tasklane restarts. */
export function DatabaseSection() {
  const { data: status } = useAppStatus();
  const [choice, setChoice] = useState<Target | null>(null);
  // Until the user picks, the choice follows what is open (the status may arrive after the dialog).
  const target: Target = choice ?? (status?.server ? "server" : "local");
  const [fields, setFields] = useState<ServerFields>({
    host: "",
    port: "5432",
    database: "tasklane",
    user: "",
    password: "",
    sslmode: "prefer",
  });
  const [pasted, setPasted] = useState("");
  const [fieldErrors, setFieldErrors] = useState<ServerFieldErrors>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [found, setFound] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const hostInput = useRef<HTMLInputElement>(null);
  const portInput = useRef<HTMLInputElement>(null);
  const restartButton = useRef<HTMLButtonElement>(null);
  /** The button whose call is in flight: it gets focus back, as disabling it may have taken it. */
  const caller = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (busy !== null || caller.current === null) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (saved) restartButton.current?.focus();
    else if (lost && caller.current.isConnected) caller.current.focus();
    caller.current = null;
  }, [busy, saved]);

  const reset = () => {
    setFound(null);
    setError(null);
    setSaved(false);
  };
  const edit = (change: Partial<ServerFields>) => {
    setFields((current) => ({ ...current, ...change }));
    setFieldErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !(key in change))),
    );
    reset();
  };
  /** The URL to send: the pasted one, else the fields' (null, with the fields marked, if they do not make one). */
  const url = (): string | null => {
    if (pasted.trim() !== "") return pasted.trim();
    const built = serverUrl(fields);
    if (built.errors) {
      setFieldErrors(built.errors);
      (built.errors.host ? hostInput : portInput).current?.focus();
      return null;
    }
    return built.url;
  };
  const run = async (action: Exclude<Busy, null>, event: MouseEvent<HTMLButtonElement>, work: () => Promise<void>) => {
    caller.current = event.currentTarget;
    setBusy(action);
    if (action === "restart") setError(null);
    else reset();
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(null);
    }
  };
  const test = (event: MouseEvent<HTMLButtonElement>) => {
    const chosen = url();
    if (chosen === null) return;
    void run("test", event, async () => setFound(describeCheck(await invokeAppCheckDatabase(chosen))));
  };
  const use = (event: MouseEvent<HTMLButtonElement>) => {
    const chosen = target === "server" ? url() : null;
    if (target === "server" && chosen === null) return;
    void run("use", event, async () => {
      const check = await invokeAppSetDatabase(chosen);
      if (check) setFound(describeCheck(check));
      setSaved(true);
    });
  };
  // On success the page goes away, so only a failure comes back.
  const restart = (event: MouseEvent<HTMLButtonElement>) => void run("restart", event, invokeAppRestart);

  const open = status?.server
    ? `Team server: ${status.server.url} — ${linkLabel(status.server.state)}`
    : `This computer: ${status?.dbPath ?? "a database in memory"}`;

  return (
    <fieldset className="fieldset database-settings" disabled={busy !== null} aria-busy={busy !== null}>
      <legend className="field__label">Database</legend>
      <p className="field__hint">Open now: {status ? open : "…"}</p>
      <Segmented
        name="database-target"
        options={TARGETS}
        value={target}
        onChange={(value) => {
          setChoice(value);
          setFieldErrors({});
          reset();
        }}
      />
      {target === "server" && (
        <div className="database-settings__server">
          <Field label="Server" error={fieldErrors.host}>
            {(control) => (
              <input {...control} ref={hostInput} className="input" placeholder="db.example.org" value={fields.host} onChange={(e) => edit({ host: e.target.value })} />
            )}
          </Field>
          <Field label="Port" error={fieldErrors.port}>
            {(control) => (
              <input {...control} ref={portInput} className="input" inputMode="numeric" value={fields.port} onChange={(e) => edit({ port: e.target.value })} />
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
          <Field
            label="Or paste a URL"
            hint="Used instead of the fields above, e.g. postgres://user:password@host:5432/tasklane?sslmode=require"
          >
            {(control) => (
              // Hidden like a password, as it holds one.
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="off"
                value={pasted}
                onChange={(e) => {
                  setPasted(e.target.value);
                  setFieldErrors({});
                  reset();
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
          <button ref={restartButton} type="button" className="button button--primary" onClick={restart}>
            {busy === "restart" ? "Restarting…" : "Restart now"}
          </button>
        </p>
      ) : (
        <div className="database-settings__actions">
          {target === "server" && (
            <button type="button" className="button" onClick={test}>
              {busy === "test" ? "Testing…" : "Test connection"}
            </button>
          )}
          <button type="button" className="button button--primary" onClick={use}>
            {busy === "use" ? "Switching…" : "Use this database"}
          </button>
        </div>
      )}
    </fieldset>
  );
}
