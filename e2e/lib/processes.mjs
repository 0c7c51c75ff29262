// The processes the end-to-end tests and the app bench start: each in its own process group, so
// that stopping one stops what it started (tauri-driver → WebKitWebDriver → the app). Every group
// started here is remembered until it exits, and killed when the run is interrupted.

import { spawn } from 'node:child_process';
import net from 'node:net';

const running = new Set();

// An interrupted run (Ctrl+C, CI timeout) still stops what it started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

/** `spawn` in a new process group, remembered until it exits. */
export function startGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Resolves once something accepts connections on the local `port`, polling every `intervalMs`. */
export function waitForPort(port, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, intervalMs);
      });
    };
    attempt();
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a process group (SIGTERM, SIGKILL after 3 s) and waits for its leader to exit. */
export async function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every group still running. */
export async function stopAllGroups() {
  await Promise.all([...running].map(stopGroup));
}
