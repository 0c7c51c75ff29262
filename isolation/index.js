// Tauri's isolation pattern: every IPC message from the app's webview passes through this hook,
// inside a sandboxed iframe, before it is encrypted and sent to the backend. The hook lets a
// message through only when its command is one the app sends and its arguments are a plain
// object of JSON values (and an emitted event is `ui:ready`); anything else is dropped with a TypeError (throwing here means it never
// reaches Rust; the caller's own timeout then ends its promise). A message looks like
// `{ cmd, callback, error, payload, options }`, `payload` holding the command's arguments.
//
// A plain script, not a module: the isolation iframe cannot load the app's TypeScript, so the
// command names are repeated here, and src/ipc/isolation.test.ts fails when they drift from
// src/bindings/commands.ts (generated from src-tauri/src/commands/list.rs).
;(() => {
  // The app's own commands, in the order of the Rust list.
  const APP_COMMANDS = [
    'db_create_task',
    'db_get_tasks',
    'db_get_task',
    'db_update_task',
    'db_move_task',
    'db_delete_task',
    'db_get_tags',
    'db_create_project',
    'db_get_projects',
    'db_get_project',
    'db_update_project',
    'db_delete_project',
    'db_get_settings',
    'db_update_settings',
    'app_status',
    'app_open_window',
    'app_check_database',
    'app_set_database',
    'app_restart',
    'data_export',
    'data_import',
    'data_cancel',
    'data_backups',
    'data_restore',
  ]
  // What `listen`, its unlisten function and `emit` send (@tauri-apps/api/event), and the open
  // and save file dialogs of Settings → Data (@tauri-apps/plugin-dialog); the capability in
  // src-tauri/capabilities/default.json allows these and nothing else of Tauri's or its plugins'.
  const PLUGIN_COMMANDS = [
    'plugin:event|listen',
    'plugin:event|unlisten',
    'plugin:event|emit',
    'plugin:dialog|open',
    'plugin:dialog|save',
  ]
  const ALLOWED = new Set([...APP_COMMANDS, ...PLUGIN_COMMANDS])
  // The events a page may emit (src/ipc/window.ts). The capability cannot scope `emit` by event
  // name, so this is the only check that keeps a page from forging the backend's own events
  // (`tasks:changed`, `app:status`, …) to every window.
  const EMITTABLE_EVENTS = ['ui:ready']

  // Checks on the arguments of particular commands: a reason to reject them, or null.
  const ARGUMENT_RULES = {
    'plugin:event|emit': (payload) =>
      EMITTABLE_EVENTS.includes(payload.event)
        ? null
        : `the event ${JSON.stringify(payload.event)} is not one a page may emit`,
  }

  const isPlainObject = (value) => {
    if (typeof value !== 'object' || value === null) return false
    const prototype = Object.getPrototypeOf(value)
    return prototype === Object.prototype || prototype === null
  }

  const describe = (value) => {
    if (value === null) return 'null'
    if (value === undefined) return 'undefined'
    if (Array.isArray(value)) return 'an array'
    if (typeof value === 'number') return String(value)
    if (typeof value !== 'object') return `a ${typeof value}`
    const name = Object.getPrototypeOf(value)?.constructor?.name
    return name ? `a ${name}` : 'an object'
  }

  /**
   * The path of the first value in `payload` that JSON cannot carry unchanged, with what it
   * is, or null when every value is JSON: null, booleans, finite numbers, strings, arrays and
   * plain objects, without cycles. An `undefined` property is fine: it is left out of the JSON,
   * like a missing optional argument. Iterative, so deep nesting cannot overflow the stack.
   */
  const firstNonJson = (payload) => {
    const ancestors = new Set()
    const stack = [{ value: payload, path: '' }]
    while (stack.length > 0) {
      const { value, path, leave } = stack.pop()
      if (leave) {
        ancestors.delete(value)
        continue
      }
      if (value === null || typeof value === 'string' || typeof value === 'boolean') continue
      if (typeof value === 'number') {
        if (Number.isFinite(value)) continue
        return `${path} is ${describe(value)}`
      }
      const isArray = Array.isArray(value)
      if (!isArray && !isPlainObject(value)) return `${path} is ${describe(value)}`
      if (ancestors.has(value)) return `${path} refers back to itself`
      ancestors.add(value)
      stack.push({ value, leave: true })
      for (const [key, child] of Object.entries(value)) {
        const childPath = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key
        if (child === undefined && !isArray) continue
        stack.push({ value: child, path: childPath })
      }
    }
    return null
  }

  const hook = (message) => {
    if (!isPlainObject(message) || typeof message.cmd !== 'string') {
      throw new TypeError('Tasklane isolation: rejected a message that is not an IPC call')
    }
    const { cmd, payload } = message
    if (!ALLOWED.has(cmd)) {
      throw new TypeError(`Tasklane isolation: rejected ${JSON.stringify(cmd)}: not a command Tasklane sends`)
    }
    if (!isPlainObject(payload)) {
      throw new TypeError(`Tasklane isolation: rejected ${cmd}: its arguments are ${describe(payload)}, not an object`)
    }
    const problem = firstNonJson(payload)
    if (problem !== null) {
      throw new TypeError(`Tasklane isolation: rejected ${cmd}: ${problem}, not a JSON value`)
    }
    const refusal = Object.hasOwn(ARGUMENT_RULES, cmd) ? ARGUMENT_RULES[cmd](payload) : null
    if (refusal !== null) {
      throw new TypeError(`Tasklane isolation: rejected ${cmd}: ${refusal}`)
    }
    return message
  }
  hook.appCommands = Object.freeze(APP_COMMANDS)
  hook.pluginCommands = Object.freeze(PLUGIN_COMMANDS)
  hook.emittableEvents = Object.freeze(EMITTABLE_EVENTS)
  window.__TAURI_ISOLATION_HOOK__ = hook
})()
