import { useEffect } from "react";
import { useSettings } from "./api";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Keeps `data-theme` on <html> in step with the saved theme; `system` follows the OS live. */
export function useApplyTheme() {
  const theme = useSettings().data?.theme ?? "system";
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      const resolved = theme === "system" ? (media.matches ? "dark" : "light") : theme;
      document.documentElement.dataset.theme = resolved;
    };
    apply();
    if (theme !== "system") return;
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [theme]);
}
