/**
 * The dark theme (src/app/globals.css) redefines Tailwind's palette variables under `.dark`.
 * These are the text/background pairs the components use; each must keep WCAG AA (4.5:1) in
 * both themes, so a change to either palette that breaks one shows up here, not in a browser.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const lightCss = readFileSync(path.join(ROOT, "node_modules/tailwindcss/theme.css"), "utf8");
const appCss = readFileSync(path.join(ROOT, "src/app/globals.css"), "utf8");

function vars(css: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)) out.set(m[1]!, m[2]!.trim());
  return out;
}
const light = vars(lightCss);
const darkBlock = /\n\.dark\s*\{([^}]*)\}/.exec(appCss)?.[1] ?? "";
const dark = new Map([...light, ...vars(darkBlock)]);

type Rgb = [number, number, number]; // linear sRGB

function parse(value: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join("") : hex[1]!;
    return [0, 2, 4].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
  }
  const ok = /^oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)$/.exec(value);
  if (!ok) throw new Error(`cannot read colour ${value}`);
  const [L, C, H] = [Number(ok[1]) / 100, Number(ok[2]), (Number(ok[3]) * Math.PI) / 180];
  const [a, b] = [C * Math.cos(H), C * Math.sin(H)];
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ].map((v) => Math.min(1, Math.max(0, v))) as Rgb;
}

const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
function contrast(theme: Map<string, string>, fg: string, bg: string): number {
  const [x, y] = [fg, bg].map((n) => {
    const v = theme.get(n);
    if (!v) throw new Error(`--color-${n} is not defined`);
    return luminance(parse(v));
  });
  return (Math.max(x!, y!) + 0.05) / (Math.min(x!, y!) + 0.05);
}

const TINTS = [
  "red",
  "orange",
  "amber",
  "green",
  "emerald",
  "teal",
  "sky",
  "blue",
  "violet",
  "purple",
  "rose",
];
const PAIRS: [fg: string, bg: string][] = [
  // Body text on the page, cards and hover/subtle fills.
  ...["slate-500", "slate-600", "slate-700", "slate-800", "slate-900"].flatMap(
    (t) =>
      [
        [t, "white"],
        [t, "slate-50"],
      ] as [string, string][],
  ),
  ...["slate-600", "slate-700", "slate-800", "slate-900"].map((t) => [t, "slate-100"] as [string, string]),
  ["slate-700", "slate-200"],
  // Badges and callouts: -700/-800/-900 text on -50/-100 tints.
  ...TINTS.flatMap(
    (h) =>
      [
        [`${h}-800`, `${h}-50`],
        [`${h}-800`, `${h}-100`],
        [`${h}-900`, `${h}-50`],
        [`${h}-900`, `${h}-100`],
      ] as [string, string][],
  ),
  ["red-700", "red-50"],
  ["blue-700", "blue-50"],
  ["blue-700", "slate-100"],
  // Coloured text (links, errors, success) on surfaces.
  ...[
    "red-700",
    "blue-700",
    "green-700",
    "amber-700",
    "violet-600",
    "red-800",
    "green-800",
    "amber-800",
    "blue-800",
  ].flatMap(
    (t) =>
      [
        [t, "white"],
        [t, "slate-50"],
      ] as [string, string][],
  ),
  // Filled buttons, avatars and chips with white text.
  ...["blue-700", "blue-800", "red-700", "red-800", "violet-600", "slate-800", "slate-900"].map(
    (b) => ["white", b] as [string, string],
  ),
];

describe("theme palettes", () => {
  it("the dark theme redefines every neutral and tint the pairs use", () => {
    for (const [fg, bg] of PAIRS) for (const n of [fg, bg]) expect(darkBlock, n).toContain(`--color-${n}:`);
  });

  for (const [name, theme] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`keeps WCAG AA text contrast in the ${name} theme`, () => {
      const failing = PAIRS.map(([fg, bg]) => ({ pair: `${fg} on ${bg}`, ratio: contrast(theme, fg, bg) }))
        .filter((p) => p.ratio < 4.5)
        .map((p) => `${p.pair}: ${p.ratio.toFixed(2)}`);
      expect(failing).toEqual([]);
    });
  }

  it("dark surfaces are dark and dark text is light", () => {
    expect(luminance(parse(dark.get("white")!))).toBeLessThan(0.03);
    expect(luminance(parse(dark.get("slate-50")!))).toBeLessThan(luminance(parse(dark.get("white")!)));
    expect(luminance(parse(dark.get("slate-900")!))).toBeGreaterThan(0.8);
  });
});
