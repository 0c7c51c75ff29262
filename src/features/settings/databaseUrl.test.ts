import { describe, expect, it } from "vitest";
import { describeCheck, serverUrl, type ServerFields } from "./databaseUrl";

const FIELDS: ServerFields = {
  host: "db.example.org",
  port: "5432",
  database: "tasklane",
  user: "ana",
  password: "secret",
  sslmode: "prefer",
};

describe("serverUrl", () => {
  it("assembles host, port, database, user, password and sslmode", () => {
    expect(serverUrl({ ...FIELDS, host: " db.example.org ", port: "5433", sslmode: "require" })).toEqual({
      url: "postgres://ana:secret@db.example.org:5433/tasklane?sslmode=require",
    });
  });

  it("encodes every special character, so the server reads back what was typed", () => {
    const password = "p@ss:w/rd#1 100%?&=ü";
    const { url } = serverUrl({ ...FIELDS, user: "ana@team", password, database: "team db/%" });
    expect(url).toBe(
      "postgres://ana%40team:p%40ss%3Aw%2Frd%231%20100%25%3F%26%3D%C3%BC@db.example.org:5432/team%20db%2F%25?sslmode=prefer",
    );
    const parsed = new URL(url ?? "");
    expect(decodeURIComponent(parsed.password)).toBe(password);
    expect(decodeURIComponent(parsed.username)).toBe("ana@team");
  });

  it("does not mistake a % in the password for an escape", () => {
    expect(serverUrl({ ...FIELDS, password: "a%41" }).url).toContain(":a%2541@");
  });

  it("leaves out an empty password", () => {
    expect(serverUrl({ ...FIELDS, password: "" }).url).toBe(
      "postgres://ana@db.example.org:5432/tasklane?sslmode=prefer",
    );
  });

  it.each(["10.0.0.5", "[::1]", "localhost"])("takes %s as a host", (host) => {
    expect(serverUrl({ ...FIELDS, host }).errors).toBeUndefined();
  });

  it.each(["", "  ", "db.example.org:6543", "ana@db.example.org", "db.example.org/team", "db example"])(
    "refuses %j as a host instead of reading part of it",
    (host) => {
      const result = serverUrl({ ...FIELDS, host });
      expect(result.url).toBeUndefined();
      expect(result.errors?.host).toMatch(/server's name or address/);
    },
  );

  it.each(["", "abc", "54x", "0", "65536", "-1"])("refuses %j as a port instead of dropping it", (port) => {
    const result = serverUrl({ ...FIELDS, port });
    expect(result.url).toBeUndefined();
    expect(result.errors).toEqual({ port: "Enter a port from 1 to 65535 (PostgreSQL's usual one is 5432)." });
  });
});

describe("describeCheck", () => {
  it.each([
    ["empty", "Connected to PostgreSQL 15.18. The database is empty: Tasklane sets it up when it opens it."],
    ["older", "Connected to PostgreSQL 15.18. It was set up by an older Tasklane and is brought up to date when Tasklane opens it."],
    ["current", "Connected to PostgreSQL 15.18. It is up to date."],
    ["newer", "Connected to PostgreSQL 15.18. It was set up by a newer Tasklane, so this one cannot use it: update Tasklane first."],
  ] as const)("says what a %s database means", (schema, words) => {
    expect(describeCheck({ url: "postgres://ana:***@db/tasklane", schema, serverVersion: "15.18" })).toBe(words);
  });
});
