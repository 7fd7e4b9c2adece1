/**
 * Finish-date forecast by Monte Carlo (SPEC §13). Pure and deterministic: the
 * caller passes the items, `today`, an optional baseline and a seed.
 *
 * 1. The schedule graph of CPM (`critical-path.ts`) is built once: the same
 *    scheduled items, finish-to-start links, cycle handling and topological
 *    order. Every run is then one linear pass over typed arrays.
 * 2. Observed slip. For each finished scheduled item (100 % complete) with a
 *    plan to compare against:
 *      planned start / finish = the item's dates in the baseline when given
 *        and dated there; otherwise its own start and the day its `duration`
 *        (business days, Mon–Fri) ends, counted from its start;
 *      slip ratio = (actual finish − planned start + 1) / (planned finish − planned start + 1),
 *    i.e. how long it took to finish, measured from the planned start, per
 *    planned day. 1.12 = finished 12 % later than planned. A ratio is kept
 *    within [0.1, 10] so one mistyped date cannot swamp the forecast. With
 *    no observation the ratio is 1 (remaining work takes as long as planned).
 * 3. One run: in topological order, an item's earliest start is
 *    max(own start, predecessors' simulated finishes + 1), as in CPM.
 *    - A finished item keeps its actual finish.
 *    - An open item's planned duration d = finish − start + 1 is split into
 *      the part done (d × pct / 100) and the rest; the rest resumes at the
 *      later of (start + part done) and `today`, and takes rest × r days,
 *      r drawn at random (uniformly) from the observed ratios, independently
 *      for each item and run. Time is continuous inside a run; an item ending
 *      at day x (exclusive) finishes on day ceil(x) − 1, so with r = 1 and
 *      no `today` push a run reproduces the CPM dates exactly.
 *    The run's project finish is the latest finish.
 * 4. P50 / P80 are the nearest-rank 50th / 80th percentiles of the runs'
 *    finishes (so P50 ≤ P80). With no open items both are the last finish.
 *
 * The random numbers come from mulberry32, seeded with the 32-bit seed.
 */
import type { BaselineItem } from "./baseline";
import type { ScheduleItemInput } from "./critical-path";
import { buildScheduleGraph, computeSchedule } from "./critical-path";
import { dayNumber, fromDayNumber, isoWeekday } from "./dates";
import type { IsoDate } from "./types";

export const DEFAULT_FORECAST_RUNS = 2000;
export const DEFAULT_FORECAST_SEED = 1;
export const MAX_FORECAST_RUNS = 100_000;
export const SLIP_RATIO_MIN = 0.1;
export const SLIP_RATIO_MAX = 10;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The date `businessDays` working days (Mon–Fri) after `start`, counting the
 * start itself when it is a working day: (Mon, 1) → Mon, (Fri, 2) → next Mon,
 * (Sat, 1) → next Mon.
 */
export function businessDayEnd(start: IsoDate, businessDays: number): IsoDate {
  if (!Number.isInteger(businessDays) || businessDays < 1) throw new RangeError("businessDays must be ≥ 1");
  let day = dayNumber(start);
  let wd = isoWeekday(start);
  if (wd > 5) {
    day += 8 - wd;
    wd = 1;
  }
  let left = businessDays - 1;
  day += Math.floor(left / 5) * 7;
  left %= 5;
  while (left > 0) {
    day += 1;
    wd = (wd % 7) + 1;
    if (wd <= 5) left -= 1;
  }
  return fromDayNumber(day);
}

export type ForecastItemInput = ScheduleItemInput & {
  percentComplete: number;
  /** Planned business days (the item's `duration`); the plan of last resort for observed slip. */
  duration?: number | null;
};

export type ForecastOptions = {
  seed?: number;
  runs?: number;
  /** Open work cannot resume before today. Without it, no item is pushed to today. */
  today?: IsoDate | null;
  /** A baseline to measure finished items against (takes precedence over `duration`). */
  baseline?: readonly Pick<BaselineItem, "itemNum" | "start" | "finish">[];
};

export type SlipObservation = {
  itemNum: number;
  plannedStart: IsoDate;
  plannedFinish: IsoDate;
  actualFinish: IsoDate;
  ratio: number;
  source: "baseline" | "duration";
};

export type ForecastResult = {
  /** Nearest-rank percentiles of the simulated finish; null when nothing is scheduled. */
  p50: IsoDate | null;
  p80: IsoDate | null;
  /** CPM project finish of the plan. */
  planFinish: IsoDate | null;
  runs: number;
  seed: number;
  explanation: string;
  openItems: number;
  finishedItems: number;
  observed: {
    items: number;
    /** Mean slip ratio − 1, as a whole percent (12 = 12 % later than planned); null without observations. */
    meanSlipPct: number | null;
  };
};

const isFinished = (pct: number) => pct >= 100;

/** Slip ratios of the finished, scheduled items that have a plan (see the module comment). */
export function observedSlip(
  items: readonly ForecastItemInput[],
  baseline: ForecastOptions["baseline"] = [],
): SlipObservation[] {
  const planned = new Map(baseline.map((b) => [b.itemNum, b]));
  const out: SlipObservation[] = [];
  for (const item of items) {
    if (item.draft || item.deleted || !item.start || !item.finish || !isFinished(item.percentComplete))
      continue;
    if (item.finish < item.start) continue;
    const b = planned.get(item.itemNum);
    let plan: { start: IsoDate; finish: IsoDate; source: SlipObservation["source"] } | null = null;
    if (b?.start && b.finish && b.finish >= b.start)
      plan = { start: b.start, finish: b.finish, source: "baseline" };
    else if (item.duration && item.duration >= 1 && Number.isInteger(item.duration))
      plan = { start: item.start, finish: businessDayEnd(item.start, item.duration), source: "duration" };
    if (!plan) continue;
    const plannedDays = dayNumber(plan.finish) - dayNumber(plan.start) + 1;
    const tookDays = dayNumber(item.finish) - dayNumber(plan.start) + 1;
    const ratio = Math.min(SLIP_RATIO_MAX, Math.max(SLIP_RATIO_MIN, tookDays / plannedDays));
    out.push({
      itemNum: item.itemNum,
      plannedStart: plan.start,
      plannedFinish: plan.finish,
      actualFinish: item.finish,
      ratio,
      source: plan.source,
    });
  }
  return out.sort((a, b) => a.itemNum - b.itemNum);
}

export function forecastFinish(
  items: readonly ForecastItemInput[],
  options: ForecastOptions = {},
): ForecastResult {
  const runs = options.runs ?? DEFAULT_FORECAST_RUNS;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_FORECAST_RUNS)
    throw new RangeError(`runs must be a whole number from 1 to ${MAX_FORECAST_RUNS}`);
  const seed = (options.seed ?? DEFAULT_FORECAST_SEED) >>> 0;

  const g = buildScheduleGraph(items);
  const plan = computeSchedule(g);
  const planFinish = plan.finish === null ? null : fromDayNumber(plan.finish);
  const observations = observedSlip(items, options.baseline);
  const meanRatio = observations.length
    ? observations.reduce((s, o) => s + o.ratio, 0) / observations.length
    : null;
  const meanSlipPct = meanRatio === null ? null : Math.round((meanRatio - 1) * 100);
  const base = { planFinish, runs, seed, observed: { items: observations.length, meanSlipPct } };

  const pctOf = new Map(items.map((i) => [i.itemNum, i.percentComplete]));
  const { n, order, itemNums, start, finish, duration, predStart, preds, inCycle } = g;
  // Finished items are fixed: they only raise their successors' lower bound
  // and the floor of every run's finish. The open items are re-indexed by
  // their position in the topological order, so a run walks the arrays front
  // to back and every predecessor is already computed.
  const N = order.length;
  const fixedEnd = new Float64Array(n).fill(NaN); // finished: actual finish + 1 (exclusive end)
  const pos = new Int32Array(n).fill(-1); // open: position among the open items
  let openItems = 0;
  let lastFinish = -Infinity;
  for (let k = 0; k < N; k++) {
    const v = order[k]!;
    const pct = Math.min(100, Math.max(0, pctOf.get(itemNums[v]!) ?? 0));
    if (isFinished(pct)) {
      fixedEnd[v] = finish[v]! + 1;
      if (finish[v]! > lastFinish) lastFinish = finish[v]!;
    } else pos[v] = openItems++;
  }
  const pStart = new Int32Array(openItems + 1);
  const pList = new Int32Array(preds.length);
  const lower = new Float64Array(openItems); // own start, raised by finished predecessors
  const done = new Float64Array(openItems); // planned days already done
  const rest = new Float64Array(openItems); // planned days left
  let len = 0;
  for (let k = 0; k < N; k++) {
    const v = order[k]!;
    const at = pos[v]!;
    if (at < 0) continue;
    pStart[at] = len;
    let low = start[v]!;
    for (let j = predStart[v]!; j < predStart[v + 1]!; j++) {
      const p = preds[j]!;
      if (inCycle[p]) continue;
      if (pos[p]! >= 0) pList[len++] = pos[p]!;
      else if (fixedEnd[p]! > low) low = fixedEnd[p]!;
    }
    const pct = Math.min(100, Math.max(0, pctOf.get(itemNums[v]!) ?? 0));
    lower[at] = low;
    done[at] = (duration[v]! * pct) / 100;
    rest[at] = duration[v]! - done[at]!;
  }
  pStart[openItems] = len;
  const finishedItems = N - openItems;

  if (N === 0) {
    return {
      ...base,
      p50: null,
      p80: null,
      openItems: 0,
      finishedItems: 0,
      explanation: "Nothing to forecast: no item in the plan has both a start and a finish.",
    };
  }
  if (openItems === 0) {
    const last = fromDayNumber(lastFinish);
    return {
      ...base,
      p50: last,
      p80: last,
      openItems,
      finishedItems,
      explanation: `All ${count(finishedItems, "scheduled item")} ${finishedItems === 1 ? "is" : "are"} finished; the last finished on ${last}.`,
    };
  }

  const ratios = observations.length ? Float64Array.from(observations, (o) => o.ratio) : Float64Array.of(1);
  const m = ratios.length;
  const todayN = options.today ? dayNumber(options.today) : -Infinity;
  const results = new Int32Array(runs);
  // With a single possible ratio every run is the same: compute it once.
  const distinctRuns = m > 1 ? runs : 1;
  const floor = lastFinish + 1; // every run ends no earlier than the last finished item
  simulate(
    { N: openItems, pStart, pList, lower, done, rest, floor, ratios, todayN, seed },
    results,
    distinctRuns,
  );
  if (distinctRuns < runs) results.fill(results[0]!);
  results.sort();
  const pick = (q: number) => fromDayNumber(results[Math.max(0, Math.ceil(q * runs) - 1)]!);
  const p50 = pick(0.5);
  const p80 = pick(0.8);

  return {
    ...base,
    p50,
    p80,
    openItems,
    finishedItems,
    explanation: explain({
      observations: observations.length,
      meanSlipPct,
      runs,
      openItems,
      p50,
      p80,
      planFinish: planFinish!,
    }),
  };
}

type Simulation = {
  /** Open items, indexed by their position in the topological order. */
  N: number;
  pStart: Int32Array;
  pList: Int32Array;
  lower: Float64Array;
  done: Float64Array;
  rest: Float64Array;
  /** The latest exclusive end among finished items (−∞ when none). */
  floor: number;
  ratios: Float64Array;
  todayN: number;
  seed: number;
};

/** Runs simulated side by side: each item's values for a batch of runs sit next to each other. */
const LANES = 32;

/**
 * `runs` runs into `results[0…runs)` (each run's project finish, a day
 * number). Runs are simulated in batches of LANES: for each item the batch's
 * values are contiguous, so reading a predecessor is a short sequential scan
 * instead of a random memory access per run. Random draws are taken item by
 * item, lane by lane, from one mulberry32 stream (inlined).
 */
function simulate(x: Simulation, results: Int32Array, runs: number): void {
  const { N, pStart, pList, lower, done, rest, floor, ratios, todayN } = x;
  const m = ratios.length;
  const end = new Float64Array(N * LANES);
  const s = new Float64Array(LANES);
  const latest = new Float64Array(LANES);
  let state = x.seed | 0;
  for (let first = 0; first < runs; first += LANES) {
    const lanes = Math.min(LANES, runs - first);
    latest.fill(floor);
    for (let k = 0; k < N; k++) {
      const base = k * LANES;
      const own = lower[k]!;
      for (let r = 0; r < lanes; r++) s[r] = own;
      const to = pStart[k + 1]!;
      for (let j = pStart[k]!; j < to; j++) {
        const pb = pList[j]! * LANES;
        for (let r = 0; r < lanes; r++) {
          const y = end[pb + r]!;
          if (y > s[r]!) s[r] = y;
        }
      }
      const d = done[k]!;
      const left = rest[k]!;
      for (let r = 0; r < lanes; r++) {
        let resume = s[r]! + d;
        if (resume < todayN) resume = todayN;
        let ratio = ratios[0]!;
        if (m > 1) {
          state = (state + 0x6d2b79f5) | 0;
          let t = Math.imul(state ^ (state >>> 15), state | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          ratio = ratios[((((t ^ (t >>> 14)) >>> 0) / 4294967296) * m) | 0]!;
        }
        const e = resume + left * ratio;
        end[base + r] = e;
        if (e > latest[r]!) latest[r] = e;
      }
    }
    // Exclusive end → last day; the epsilon absorbs float noise such as 10 × 0.3.
    for (let r = 0; r < lanes; r++) results[first + r] = Math.ceil(latest[r]! - 1e-9) - 1;
  }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

function explain(x: {
  observations: number;
  meanSlipPct: number | null;
  runs: number;
  openItems: number;
  p50: IsoDate;
  p80: IsoDate;
  planFinish: IsoDate;
}): string {
  let basis: string;
  if (x.observations === 0 || x.meanSlipPct === null) {
    basis =
      "No finished item has a plan to compare with yet (a baseline or a duration), so remaining work is assumed to take as long as planned";
  } else {
    const how =
      x.meanSlipPct > 0
        ? `${x.meanSlipPct} % later than planned`
        : x.meanSlipPct < 0
          ? `${-x.meanSlipPct} % sooner than planned`
          : "on plan";
    basis = `Based on ${count(x.observations, "finished item")} that finished ${how} on average`;
  }
  const chance =
    x.p50 === x.p80
      ? `finishing by ${x.p50} (P50 and P80)`
      : `a 50 % chance of finishing by ${x.p50} (P50) and an 80 % chance by ${x.p80} (P80)`;
  return `${basis}: ${count(x.runs, "simulated run")} over the ${count(x.openItems, "open item")} ${x.runs === 1 ? "gives" : "give"} ${chance}. The plan finishes on ${x.planFinish}.`;
}
