import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Tauri serves the built files from dist/; `tauri dev` expects the dev server on a fixed port.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    // WebKitGTK on Linux, WKWebView on macOS.
    target: ["es2021", "safari15"],
    sourcemap: Boolean(process.env.TAURI_ENV_DEBUG),
  },
});
