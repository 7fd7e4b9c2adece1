/**
 * The browser UI colour (theme-color) per resolved theme: the header's surface
 * (white, and the dark theme's --color-white from src/app/globals.css).
 * A plain module so server code (layout viewport, manifest) can read it.
 */
export const THEME_COLORS = { light: "#ffffff", dark: "#131a29" } as const;

/** localStorage key next-themes keeps the choice under ("light" | "dark" | "system"). */
export const THEME_STORAGE_KEY = "theme";
