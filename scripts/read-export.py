#!/usr/bin/env python3
"""Reads one of Tasklane's exports with a parser that did not write it, and prints its tasks as
one JSON list on stdout, for tests/verifiers.rs to compare with the database:

    .tools/venv/bin/python scripts/read-export.py json|csv|todotxt|ics FILE

Each task is {id, title, description, status, priority, due, tags, projects} in the words of
the format (tags and projects sorted; null where the file has no value or the format no field).
A file the parser refuses, or one that breaks the format's rules checked here, exits with 1 and
a message on stderr. Taskwarrior's export is read by `task import` itself (the test runs it).
"""

import csv
import datetime
import io
import json
import sys

CSV_COLUMNS = ["id", "title", "description", "status", "priority", "due", "completed", "created",
               "updated", "tags", "projects", "assignee", "created_by"]
BACKUP_KEYS = {"format", "version", "projects", "tags", "settings", "tasks"}
BACKUP_TASK_KEYS = {"id", "title", "description", "status", "priority", "dueAt", "completedAt",
                    "position", "createdAt", "updatedAt", "version", "createdBy", "assignee", "tags",
                    "projectIds"}


class Refused(Exception):
    pass


def task(id, title, description, status, priority, due, tags, projects):
    return {"id": id, "title": title, "description": description or None, "status": status,
            "priority": priority, "due": due or None, "tags": sorted(tags),
            "projects": sorted(projects)}


def no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise Refused(f"an object repeats a key: {keys}")
    return dict(pairs)


def read_backup(data):
    def constant(name):
        raise Refused(f"{name} is not JSON")

    backup = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicate_keys,
                        parse_constant=constant)
    if not isinstance(backup, dict) or set(backup) != BACKUP_KEYS:
        raise Refused(f"the top level is not an object with the keys {sorted(BACKUP_KEYS)}")
    if backup["format"] != "tasklane-backup" or backup["version"] != 1:
        raise Refused(f"format {backup['format']!r}, version {backup['version']!r}")
    if not all(isinstance(backup[key], list) for key in BACKUP_KEYS - {"format", "version"}):
        raise Refused("projects, tags, settings and tasks are not all lists")
    projects = {project["id"]: project["name"] for project in backup["projects"]}
    tag_names = {tag["name"].lower() for tag in backup["tags"]}
    tasks = []
    for record in backup["tasks"]:
        if set(record) != BACKUP_TASK_KEYS:
            raise Refused(f"task {record.get('id')} has the keys {sorted(record)}")
        unknown = [t for t in record["tags"] if t.lower() not in tag_names]
        missing = [p for p in record["projectIds"] if p not in projects]
        if unknown or missing:
            raise Refused(f"task {record['id']} names tags {unknown} or projects {missing} the file lacks")
        tasks.append(task(record["id"], record["title"], record["description"], record["status"],
                          record["priority"], record["dueAt"], record["tags"],
                          [projects[p] for p in record["projectIds"]]))
    return tasks


def split_names(text):
    """Tasklane's list of names in one CSV field: `, ` between names, `\\` escaping `,` and `\\`."""
    names, current, escaped = [], "", False
    for char in text:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == ",":
            names, current = names + [current.strip()], ""
        else:
            current += char
    return [name for name in names + [current.strip()] if name]


def read_csv(data):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
    if not rows or rows[0] != CSV_COLUMNS:
        raise Refused(f"the header row is {rows[:1]}, not {CSV_COLUMNS}")
    tasks = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(CSV_COLUMNS):
            raise Refused(f"row {number} has {len(row)} fields")
        cell = dict(zip(CSV_COLUMNS, row))
        tasks.append(task(cell["id"], cell["title"], cell["description"], cell["status"],
                          cell["priority"], cell["due"], split_names(cell["tags"]),
                          split_names(cell["projects"])))
    return tasks


def read_todotxt(data):
    import pytodotxt

    tasks = []
    for number, line in enumerate(data.decode("utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        parsed = pytodotxt.Task(line)
        ids, statuses, dues = parsed.attr_id, parsed.attr_status, parsed.attr_due
        if len(ids) != 1 or len(statuses) > 1 or len(dues) > 1:
            raise Refused(f"line {number} has {len(ids)} id:, {len(statuses)} status: and {len(dues)} due:")
        status = " ".join((["x"] if parsed.is_completed else []) + [f"status:{s}" for s in statuses])
        # A done task keeps its priority as pri:A (the todo.txt rules).
        priority = " ".join(([parsed.priority] if parsed.priority else []) +
                            [f"pri:{p}" for p in parsed.attr_pri])
        # The title is what is left without +project, @context and key:value words.
        tasks.append(task(ids[0], parsed.bare_description(), None, status, priority or None,
                          dues[0] if dues else None, parsed.contexts, parsed.projects))
    return tasks


def read_ics(data):
    import icalendar

    # Tasklane's own properties hold TEXT, the default type of an X- property (RFC 5545 §3.8.8.2),
    # which icalendar would otherwise leave escaped.
    for name in ("X-TASKLANE-PROJECT", "X-TASKLANE-STATUS"):
        icalendar.Calendar.types_factory.types_map[name] = "text"

    lines = data.split(b"\r\n")
    if lines[-1] != b"":
        raise Refused("the file does not end with CRLF")
    for number, line in enumerate(lines[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            raise Refused(f"line {number} holds a bare LF or CR")
        if len(line) > 75:
            raise Refused(f"line {number} has {len(line)} octets (at most 75): {line!r}")
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
        raise Refused("the calendar lacks VERSION:2.0 or PRODID")
    tasks = []
    for component in calendar.walk():
        if component.errors:
            raise Refused(f"{component.name} {component.get('UID')}: {component.errors}")
        if component.name != "VTODO":
            continue
        if not component.get("UID") or "DTSTAMP" not in component:
            raise Refused(f"a VTODO lacks UID or DTSTAMP: {component.get('SUMMARY')}")
        status = [str(component["STATUS"])] if "STATUS" in component else []
        if "X-TASKLANE-STATUS" in component:
            status.append(f"X-TASKLANE-STATUS:{component['X-TASKLANE-STATUS']}")
        due = component.decoded("DUE") if "DUE" in component else None
        if isinstance(due, datetime.datetime):
            if due.utcoffset() != datetime.timedelta(0):
                raise Refused(f"DUE {due} is not in UTC")
            due = due.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif due is not None:
            due = due.isoformat()
        projects = component.get("X-TASKLANE-PROJECT", [])
        projects = projects if isinstance(projects, list) else [projects]
        priority = component.get("PRIORITY")
        tasks.append(task(str(component["UID"]), str(component["SUMMARY"]),
                          str(component.get("DESCRIPTION", "")), " ".join(status) or None,
                          None if priority is None else int(priority), due,
                          [str(c) for c in component.categories],
                          [str(p) for p in projects]))
    return tasks


READERS = {"json": read_backup, "csv": read_csv, "todotxt": read_todotxt, "ics": read_ics}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in READERS:
        sys.exit(f"usage: read-export.py {'|'.join(READERS)} FILE")
    with open(sys.argv[2], "rb") as file:
        data = file.read()
    try:
        tasks = READERS[sys.argv[1]](data)
    except (Refused, ValueError, KeyError, TypeError, csv.Error) as err:
        sys.exit(f"read-export.py: {sys.argv[1]} file {sys.argv[2]} refused: {type(err).__name__}: {err}")
    json.dump(tasks, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
