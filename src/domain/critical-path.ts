/**
 * Critical path by CPM in calendar days (SPEC §13). Pure and iterative: no
 * recursion anywhere, so a 10,000-item chain cannot overflow the stack, and
 * a dependency cycle can never make it hang.
 *
 * - Scheduled items: non-draft, non-deleted items with both start and finish.
 *   Duration d = finish − start + 1. An item whose finish is before its start
 *   has no valid duration: it is left out and listed in `excluded.invalidDates`.
 * - Dependencies are finish-to-start among scheduled items; a dependency on an
 *   unscheduled, unknown or excluded item is ignored; duplicates count once.
 * - Forward pass: ES = max(own start, max over predecessors of EF + 1),
 *   EF = ES + d − 1. Project finish = max EF.
 * - Backward pass: LF = min over successors of LS − 1 (project finish for items
 *   without successors), LS = LF − d + 1. Slack = LS − ES ≥ 0. Critical = slack 0.
 * - Cycles (the data should have none, SPEC §2): every item on a dependency
 *   cycle (a strongly connected group of two or more items, or an item that
 *   depends on itself) is left out of the computation — with all of its
 *   dependencies — and listed in `excluded.cycle`. Items that merely depend on
 *   a cycle are still scheduled, without those links.
 * - The critical path: the chain of critical items linked by *driving*
 *   dependencies (predecessor EF + 1 = successor ES) from a first item that no
 *   critical predecessor drives to an item finishing on the project finish.
 *   Every critical item lies on such a chain. Where several chains exist, the
 *   one whose list of item numbers (first to last) sorts first wins: the
 *   lowest-numbered first item, then at each step the lowest-numbered next item.
 */
import { dayNumber, fromDayNumber } from "./dates";
import type { IsoDate } from "./types";

export type ScheduleItemInput = {
  itemNum: number;
  start: IsoDate | null;
  finish: IsoDate | null;
  draft: boolean;
  /** Soft-deleted; absent means not deleted. */
  deleted?: boolean;
  /** Item numbers this item depends on (finish-to-start). */
  dependsOn: readonly number[];
};

/**
 * The scheduled items as typed arrays, indexed 0…n−1 in item-number order,
 * with the dependency graph in CSR form and a topological order. Built once;
 * the CPM passes and every forecast run are linear passes over it.
 */
export type ScheduleGraph = {
  n: number;
  /** index → item number (ascending). */
  itemNums: Int32Array;
  /** Own start, as a day number (days since 1970-01-01). */
  start: Int32Array;
  /** Own finish, as a day number. */
  finish: Int32Array;
  /** d = finish − start + 1. */
  duration: Int32Array;
  /** Predecessors of i: preds[predStart[i] … predStart[i+1]). */
  predStart: Int32Array;
  preds: Int32Array;
  /** Successors of i: succs[succStart[i] … succStart[i+1]). */
  succStart: Int32Array;
  succs: Int32Array;
  /** Indices of the items that take part (all but cycle members), predecessors before successors. */
  order: Int32Array;
  /** 1 for an item on a dependency cycle (left out). */
  inCycle: Uint8Array;
  indexOf: ReadonlyMap<number, number>;
  excluded: { cycle: number[]; invalidDates: number[] };
};

/** Whether an item takes part in scheduling: non-draft, non-deleted, with start and finish. */
export function isScheduled(
  item: Pick<ScheduleItemInput, "start" | "finish" | "draft" | "deleted">,
): boolean {
  return !item.draft && !item.deleted && item.start !== null && item.finish !== null;
}

export function buildScheduleGraph(items: readonly ScheduleItemInput[]): ScheduleGraph {
  const invalidDates: number[] = [];
  const picked: { item: ScheduleItemInput; s: number; f: number }[] = [];
  const day = dayNumberCache();
  for (const item of items) {
    if (!isScheduled(item)) continue;
    const s = day(item.start!);
    const f = day(item.finish!);
    if (f < s) invalidDates.push(item.itemNum);
    else picked.push({ item, s, f });
  }
  picked.sort((a, b) => a.item.itemNum - b.item.itemNum);
  invalidDates.sort((a, b) => a - b);

  const n = picked.length;
  const itemNums = new Int32Array(n);
  const start = new Int32Array(n);
  const finish = new Int32Array(n);
  const duration = new Int32Array(n);
  const indexOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = picked[i]!;
    if (indexOf.has(p.item.itemNum)) throw new RangeError(`Item number ${p.item.itemNum} appears twice`);
    itemNums[i] = p.item.itemNum;
    start[i] = p.s;
    finish[i] = p.f;
    duration[i] = p.f - p.s + 1;
    indexOf.set(p.item.itemNum, i);
  }

  // Predecessors (deduplicated with a stamp per item), CSR.
  const selfLoop = new Uint8Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const predStart = new Int32Array(n + 1);
  const predList: number[] = [];
  for (let i = 0; i < n; i++) {
    predStart[i] = predList.length;
    for (const num of picked[i]!.item.dependsOn) {
      const p = indexOf.get(num);
      if (p === undefined || stamp[p] === i) continue;
      stamp[p] = i;
      if (p === i) selfLoop[i] = 1;
      else predList.push(p);
    }
  }
  predStart[n] = predList.length;
  const preds = Int32Array.from(predList);

  // Successors, CSR, from the predecessors.
  const succStart = new Int32Array(n + 1);
  for (let k = 0; k < preds.length; k++) succStart[preds[k]! + 1]! += 1;
  for (let i = 0; i < n; i++) succStart[i + 1]! += succStart[i]!;
  const succs = new Int32Array(preds.length);
  const fill = succStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let k = predStart[i]!; k < predStart[i + 1]!; k++) succs[fill[preds[k]!]!++] = i;
  }

  const inCycle = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (selfLoop[i]) inCycle[i] = 1;
  let order = topologicalOrder(n, predStart, preds, succStart, succs, inCycle);
  if (order.length + countOf(inCycle) < n) {
    markCycles(n, succStart, succs, inCycle, order);
    order = topologicalOrder(n, predStart, preds, succStart, succs, inCycle);
  }
  const cycle: number[] = [];
  for (let i = 0; i < n; i++) if (inCycle[i]) cycle.push(itemNums[i]!);

  return {
    n,
    itemNums,
    start,
    finish,
    duration,
    predStart,
    preds,
    succStart,
    succs,
    order,
    inCycle,
    indexOf,
    excluded: { cycle, invalidDates },
  };
}

/** `dayNumber`, memoised: a plan of 10,000 items has only a few hundred distinct dates. */
export function dayNumberCache(): (date: IsoDate) => number {
  const cache = new Map<IsoDate, number>();
  return (date) => {
    let n = cache.get(date);
    if (n === undefined) {
      n = dayNumber(date);
      cache.set(date, n);
    }
    return n;
  };
}

function countOf(flags: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < flags.length; i++) c += flags[i]!;
  return c;
}

/**
 * Kahn's algorithm over the items not flagged in `skip` (their links are
 * ignored). Items left on or behind a cycle are simply not in the result.
 */
function topologicalOrder(
  n: number,
  predStart: Int32Array,
  preds: Int32Array,
  succStart: Int32Array,
  succs: Int32Array,
  skip: Uint8Array,
): Int32Array {
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (skip[i]) continue;
    for (let k = predStart[i]!; k < predStart[i + 1]!; k++) if (!skip[preds[k]!]) indegree[i]! += 1;
  }
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (!skip[i] && indegree[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const v = queue[head++]!;
    for (let k = succStart[v]!; k < succStart[v + 1]!; k++) {
      const w = succs[k]!;
      if (skip[w]) continue;
      if (--indegree[w]! === 0) queue[tail++] = w;
    }
  }
  return queue.slice(0, tail);
}

/**
 * Flags every item on a cycle: iterative Tarjan over the items Kahn could not
 * order (those on a cycle or downstream of one); a strongly connected group
 * of two or more is a cycle.
 */
function markCycles(
  n: number,
  succStart: Int32Array,
  succs: Int32Array,
  inCycle: Uint8Array,
  ordered: Int32Array,
) {
  const candidate = new Uint8Array(n).fill(1);
  for (let k = 0; k < ordered.length; k++) candidate[ordered[k]!] = 0;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!candidate[root] || index[root] !== -1) continue;
    let csp = 0;
    const enter = (v: number) => {
      index[v] = low[v] = counter++;
      stack[sp++] = v;
      onStack[v] = 1;
      callNode[csp] = v;
      callEdge[csp] = succStart[v]!;
      csp++;
    };
    enter(root);
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      if (callEdge[csp - 1]! < succStart[v + 1]!) {
        const w = succs[callEdge[csp - 1]!++]!;
        if (!candidate[w]) continue;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        let size = 0;
        let top = sp;
        do {
          top--;
          size++;
        } while (stack[top] !== v);
        const isCycle = size > 1 || inCycle[v] === 1;
        for (let k = top; k < sp; k++) {
          onStack[stack[k]!] = 0;
          if (isCycle) inCycle[stack[k]!] = 1;
        }
        sp = top;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// CPM passes
// ---------------------------------------------------------------------------

/** ES/EF/LS/LF as day numbers per graph index (cycle members stay 0), and the project finish. */
export type ScheduleTimes = {
  es: Int32Array;
  ef: Int32Array;
  ls: Int32Array;
  lf: Int32Array;
  /** Max EF, as a day number; null when nothing is scheduled. */
  finish: number | null;
};

export function computeSchedule(g: ScheduleGraph): ScheduleTimes {
  const { n, order, predStart, preds, succStart, succs, inCycle, start, duration } = g;
  const es = new Int32Array(n);
  const ef = new Int32Array(n);
  const ls = new Int32Array(n);
  const lf = new Int32Array(n);
  if (order.length === 0) return { es, ef, ls, lf, finish: null };
  let finish = -Infinity;
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    let e = start[v]!;
    for (let j = predStart[v]!; j < predStart[v + 1]!; j++) {
      const p = preds[j]!;
      if (!inCycle[p] && ef[p]! + 1 > e) e = ef[p]! + 1;
    }
    es[v] = e;
    ef[v] = e + duration[v]! - 1;
    if (ef[v]! > finish) finish = ef[v]!;
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    let l = finish;
    for (let j = succStart[v]!; j < succStart[v + 1]!; j++) {
      const s = succs[j]!;
      if (!inCycle[s] && ls[s]! - 1 < l) l = ls[s]! - 1;
    }
    lf[v] = l;
    ls[v] = l - duration[v]! + 1;
  }
  return { es, ef, ls, lf, finish };
}

/**
 * The critical path as graph indices, first to last (see the module comment
 * for the rule and the tie-break). Empty when nothing is scheduled.
 */
export function criticalChain(g: ScheduleGraph, t: ScheduleTimes): number[] {
  const { order, predStart, preds, succStart, succs, inCycle } = g;
  const critical = (v: number) => !inCycle[v] && t.ls[v] === t.es[v];
  const drives = (p: number, s: number) => critical(p) && critical(s) && t.ef[p]! + 1 === t.es[s];
  // First item: the lowest-numbered critical item no critical predecessor drives.
  let first = -1;
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    if (!critical(v) || (first !== -1 && v > first)) continue;
    let driven = false;
    for (let j = predStart[v]!; j < predStart[v + 1]! && !driven; j++) driven = drives(preds[j]!, v);
    if (!driven) first = v;
  }
  if (first === -1) return [];
  const chain = [first];
  for (let v = first; ;) {
    let next = -1;
    for (let j = succStart[v]!; j < succStart[v + 1]!; j++) {
      const s = succs[j]!;
      if ((next === -1 || s < next) && drives(v, s)) next = s;
    }
    if (next === -1) break;
    chain.push(next);
    v = next;
  }
  return chain;
}

// ---------------------------------------------------------------------------
// The `project.criticalPath` result
// ---------------------------------------------------------------------------

export type CpmItem = {
  itemNum: number;
  es: IsoDate;
  ef: IsoDate;
  ls: IsoDate;
  lf: IsoDate;
  /** LS − ES in calendar days, ≥ 0. */
  slack: number;
  critical: boolean;
};

export type CriticalPathResult = {
  /** Item numbers of the critical path, first to last. */
  path: number[];
  /** Project finish (max EF); null when no item is scheduled. */
  finish: IsoDate | null;
  /** Earliest ES; null when no item is scheduled. */
  start: IsoDate | null;
  /** Every scheduled item (by item number) with its CPM dates and slack. */
  items: CpmItem[];
  /** Items left out: on a dependency cycle, or with finish before start. */
  excluded: { cycle: number[]; invalidDates: number[] };
};

/** Day number → IsoDate, memoised (plans reuse few distinct dates). */
function dateFormatter(): (day: number) => IsoDate {
  const cache = new Map<number, IsoDate>();
  return (day) => {
    let s = cache.get(day);
    if (s === undefined) {
      s = fromDayNumber(day);
      cache.set(day, s);
    }
    return s;
  };
}

export function criticalPathOf(g: ScheduleGraph, t: ScheduleTimes = computeSchedule(g)): CriticalPathResult {
  const iso = dateFormatter();
  const items: CpmItem[] = [];
  let first = Infinity;
  for (let v = 0; v < g.n; v++) {
    if (g.inCycle[v]) continue;
    const slack = t.ls[v]! - t.es[v]!;
    if (t.es[v]! < first) first = t.es[v]!;
    items.push({
      itemNum: g.itemNums[v]!,
      es: iso(t.es[v]!),
      ef: iso(t.ef[v]!),
      ls: iso(t.ls[v]!),
      lf: iso(t.lf[v]!),
      slack,
      critical: slack === 0,
    });
  }
  return {
    path: criticalChain(g, t).map((v) => g.itemNums[v]!),
    finish: t.finish === null ? null : iso(t.finish),
    start: items.length ? iso(first) : null,
    items,
    excluded: { cycle: [...g.excluded.cycle], invalidDates: [...g.excluded.invalidDates] },
  };
}

/** CPM over plain items: the `project.criticalPath` shape. */
export function criticalPath(items: readonly ScheduleItemInput[]): CriticalPathResult {
  return criticalPathOf(buildScheduleGraph(items));
}
