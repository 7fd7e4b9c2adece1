/**
 * Schedule benchmarks (pure domain, no database): CPM critical path and the
 * Monte Carlo forecast over a synthetic project of 10,000 items and 20,000
 * finish-to-start dependencies. Deterministic: a seeded PRNG builds the data.
 *
 *   import { scheduleBenchRows } from "./lib/bench/schedule";
 *   rows.push(...scheduleBenchRows());        // { name, p50, p95, target } like scripts/bench.ts
 *
 * Run alone: `npx tsx scripts/lib/bench/schedule.ts`.
 */
import { criticalPath } from "../../../src/domain/critical-path";
import { addDays } from "../../../src/domain/dates";
import type { ForecastItemInput } from "../../../src/domain/forecast";
import { forecastFinish, mulberry32 } from "../../../src/domain/forecast";
import type { IsoDate } from "../../../src/domain/types";

/** p50/p95: wall-clock ms, as in scripts/bench.ts; cpuP50: process CPU ms (steadier on a busy machine). */
export type ScheduleBenchRow = { name: string; p50: number; p95: number; target: number; cpuP50: number };

export type SyntheticSchedule = {
  items: ForecastItemInput[];
  /** A baseline for the finished items (their planned dates), so the forecast has observed slip. */
  baseline: { itemNum: number; start: IsoDate; finish: IsoDate }[];
  dependencies: number;
  today: IsoDate;
};

/**
 * `items` dated items (a few drafts and undated ones mixed in) with exactly
 * `dependencies` distinct links, each to one of the 2,000 items numbered just
 * below. Dates respect the links (an item starts after its predecessors
 * finish), as in a real plan. Items finished well before "today" are 100 %
 * done and carry a baseline they finished 0–40 % late against; items under way
 * have some progress.
 */
export function syntheticSchedule(
  items = 10_000,
  dependencies = 20_000,
  seed = 20_250_301,
): SyntheticSchedule {
  const r = mulberry32(seed);
  const k = (m: number) => Math.floor(r() * m);
  const origin = "2025-01-06";
  const today = addDays(origin, 200);
  const out: ForecastItemInput[] = [];
  const finishOf: IsoDate[] = [];
  const baseline: SyntheticSchedule["baseline"] = [];
  let remaining = dependencies;
  for (let i = 1; i <= items; i++) {
    const itemsLeft = items - i + 1;
    const window = Math.min(i - 1, 2000);
    const want = i === 1 ? 0 : Math.min(window, Math.ceil(remaining / itemsLeft));
    const deps = new Set<number>();
    while (deps.size < want) deps.add(i - 1 - k(window));
    remaining -= deps.size;
    let start = addDays(origin, Math.floor((i / items) * 300) + k(10));
    for (const d of deps) if (finishOf[d - 1]! >= start) start = addDays(finishOf[d - 1]!, 1 + k(3));
    const length = 1 + k(15);
    const finish = addDays(start, length - 1);
    finishOf.push(finish);
    const finished = finish < addDays(today, -10) && k(5) > 0;
    const pct = finished ? 100 : start < today ? k(100) : 0;
    out.push({
      itemNum: i,
      start: k(50) === 0 ? null : start,
      finish,
      percentComplete: pct,
      draft: k(100) === 0,
      dependsOn: [...deps],
      duration: Math.max(1, Math.round((length * 5) / 7)),
    });
    if (finished) {
      const planned = Math.max(1, Math.round(length / (1 + r() * 0.4)));
      baseline.push({ itemNum: i, start, finish: addDays(start, planned - 1) });
    }
  }
  return { items: out, baseline, dependencies: dependencies - remaining, today };
}

function measure(name: string, target: number, runs: number, fn: () => unknown): ScheduleBenchRow {
  fn(); // warm-up
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const at = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  return { name, p50: at(samples, 0.5), p95: at(samples, 0.95), target, cpuP50: at(cpu, 0.5) };
}

/** Times `project.criticalPath`'s domain work (graph, passes, chain, ISO output). Target 100 ms. */
export function timeCriticalPath(s: SyntheticSchedule = syntheticSchedule(), runs = 20): ScheduleBenchRow {
  return measure(
    `critical path (${s.items.length.toLocaleString("en-US")} items, ${s.dependencies.toLocaleString("en-US")} deps)`,
    100,
    runs,
    () => criticalPath(s.items),
  );
}

/** Times a 2,000-run forecast (graph, observed slip, simulation, quantiles). Target 1,000 ms. */
export function timeForecast(
  s: SyntheticSchedule = syntheticSchedule(),
  runs = 5,
  forecastRuns = 2000,
): ScheduleBenchRow {
  return measure(
    `forecast ${forecastRuns.toLocaleString("en-US")} runs (${s.items.length.toLocaleString("en-US")} items)`,
    1000,
    runs,
    () => forecastFinish(s.items, { seed: 1, runs: forecastRuns, today: s.today, baseline: s.baseline }),
  );
}

export function scheduleBenchRows(): ScheduleBenchRow[] {
  const s = syntheticSchedule();
  return [timeCriticalPath(s), timeForecast(s)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = syntheticSchedule();
  const cp = criticalPath(s.items);
  const fc = forecastFinish(s.items, { seed: 1, runs: 2000, today: s.today, baseline: s.baseline });
  console.log(
    `${s.items.length} items, ${s.dependencies} deps; path ${cp.path.length} items, finish ${cp.finish}; ` +
      `forecast P50 ${fc.p50} P80 ${fc.p80} (plan ${fc.planFinish})\n${fc.explanation}`,
  );
  let failed = false;
  for (const row of scheduleBenchRows()) {
    const ok = row.p95 <= row.target;
    failed ||= !ok;
    console.log(
      `${ok ? "ok  " : "SLOW"} ${row.name.padEnd(48)} p50 ${row.p50.toFixed(1).padStart(7)} ms  p95 ${row.p95.toFixed(1).padStart(7)} ms  cpu p50 ${row.cpuP50.toFixed(1).padStart(7)} ms  target ${row.target} ms`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}
