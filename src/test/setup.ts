import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeAll } from "vitest";

// jsdom has no layout: give every element a viewport-sized box so the virtualized task list
// renders the rows that would be visible, exactly as it does in the webview.
const VIEWPORT = { width: 1024, height: 720 };

beforeAll(() => {
  Object.defineProperties(HTMLElement.prototype, {
    clientWidth: { configurable: true, get: () => VIEWPORT.width },
    clientHeight: { configurable: true, get: () => VIEWPORT.height },
    offsetWidth: { configurable: true, get: () => VIEWPORT.width },
    offsetHeight: { configurable: true, get: () => VIEWPORT.height },
  });
  // jsdom lacks matchMedia; the theme hook asks it about prefers-color-scheme.
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  });
});

afterEach(async () => {
  cleanup();
  // Unmounting unlistens asynchronously; let that finish before the event mocks go away.
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
  document.documentElement.removeAttribute("data-theme");
});
