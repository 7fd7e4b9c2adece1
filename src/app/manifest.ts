import type { MetadataRoute } from "next";
import { THEME_COLORS } from "@/features/shell/theme-colors";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "braidMgr — project BRAID logs",
    short_name: "braidMgr",
    description: "Budget, Risks, Action items, Issues and Decisions — one live log per project.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    // The page's theme-color metas (light and dark, see the root layout) override this once loaded.
    theme_color: THEME_COLORS.light,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
