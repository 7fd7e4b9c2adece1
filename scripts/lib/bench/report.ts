/** The HTTP benchmark's tables and its targets. */
import type { LoadResult } from "./load";

export type Pair = { app: LoadResult; floor: LoadResult };
export type ProcedureResult = { procedure: string; label: string; read: boolean; c1: Pair; c8: Pair };

export type Target = {
  name: string;
  measured: number;
  limit: number;
  unit: "ms" | "req/s" | "";
  atLeast?: boolean;
};

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "–");
const rps = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1));
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : "–");

/** Floor latencies count as at least this (sub-2 ms floors would make the ratio meaningless). */
export const FLOOR_MIN_MS = 2;

export function resultsTable(rows: ProcedureResult[]): string {
  const head = [
    "procedure",
    "app p50",
    "app p97.5",
    "floor p50",
    "floor p97.5",
    "p50 ratio",
    "app req/s @8",
    "floor req/s @8",
    "floor/app @8",
    "app p97.5 @8",
    "failed",
  ];
  const lines = rows.map((r) => [
    r.label,
    ms(r.c1.app.p50),
    ms(r.c1.app.p975),
    ms(r.c1.floor.p50),
    ms(r.c1.floor.p975),
    ratio(r.c1.app.p50, r.c1.floor.p50),
    rps(r.c8.app.rps),
    rps(r.c8.floor.rps),
    ratio(r.c8.floor.rps, r.c8.app.rps),
    ms(r.c8.app.p975),
    String(r.c1.app.failed + r.c8.app.failed) +
      (r.c1.floor.failed + r.c8.floor.failed ? ` (floor ${r.c1.floor.failed + r.c8.floor.failed})` : ""),
  ]);
  return markdownTable(head, lines);
}

export function mixedTable(mixed: Pair): string {
  return markdownTable(
    ["mixed reads, 16 connections", "req/s", "p50", "p97.5", "failed"],
    [
      ["app", rps(mixed.app.rps), ms(mixed.app.p50), ms(mixed.app.p975), String(mixed.app.failed)],
      ["floor", rps(mixed.floor.rps), ms(mixed.floor.p50), ms(mixed.floor.p975), String(mixed.floor.failed)],
    ],
  );
}

export function targetsTable(targets: Target[]): { text: string; missed: number } {
  let missed = 0;
  const lines = targets.map((t) => {
    const ok = t.atLeast ? t.measured >= t.limit : t.measured <= t.limit;
    if (!ok) missed++;
    const fmt = (v: number) => (t.unit === "req/s" ? rps(v) : t.unit === "ms" ? `${ms(v)} ms` : String(v));
    return [t.name, fmt(t.measured), `${t.atLeast ? "≥" : "≤"} ${fmt(t.limit)}`, ok ? "ok" : "MISSED"];
  });
  return { text: markdownTable(["target", "measured", "limit", ""], lines), missed };
}

export function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? `${"-".repeat(w + 2)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(head), sep, ...rows.map(line)].join("\n");
}
