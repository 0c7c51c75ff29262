// Tauri's isolation pattern: every IPC message from the app's webview passes through this hook,
// inside a sandboxed iframe, before it is encrypted and sent to the backend. A message whose
// arguments are not a plain object is dropped (throwing here means it never reaches Rust; the
// caller's own timeout then ends its promise).
window.__TAURI_ISOLATION_HOOK__ = (message) => {
  const isPlainObject = (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isPlainObject(message) || typeof message.cmd !== 'string') {
    throw new TypeError('Tasklane isolation: rejected a message that is not an object')
  }
  if (!isPlainObject(message.payload)) {
    throw new TypeError(`Tasklane isolation: rejected ${message.cmd}: its arguments are not an object`)
  }
  return message
}
