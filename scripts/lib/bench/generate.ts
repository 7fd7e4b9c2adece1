/**
 * Realistic RAID items for the HTTP benchmark, generated deterministically
 * (a seeded PRNG): every run gets the same data. Words follow a Zipf-like
 * distribution, so searches range from very common words to rare ones, as
 * in a real log.
 */
import { randomUUID } from "node:crypto";
import { addDays } from "../../../src/domain/dates";
import { computeIndicator, severityRank } from "../../../src/domain/indicators";
import type { IsoDate, ItemType } from "../../../src/domain/types";
import { ARTIFACTS, JARGON, PEOPLE, PRIORITIES, RARE, REPORTS, RISKS, SYSTEMS, VERBS } from "./vocabulary";

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Draws index k with probability ∝ 1/(k+1)^s. */
function zipf(list: readonly string[], s = 1.05): (r: Rand) => string {
  const cum: number[] = [];
  let total = 0;
  for (let k = 0; k < list.length; k++) cum.push((total += 1 / Math.pow(k + 1, s)));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

const system = zipf(SYSTEMS, 0.9);
const jargon = zipf([...JARGON, ...RARE], 1.1);

function sentence(r: Rand, words: number): string {
  const w = Array.from({ length: words }, () => jargon(r));
  const s = w.join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1) + ".";
}

function title(r: Rand, type: ItemType): string {
  const sys = system(r);
  switch (type) {
    case "Risk":
      return `Risk that ${pick(r, RISKS)} on ${sys}`;
    case "Issue":
      return `${pick(r, RISKS).replace(/^\w/, (c) => c.toUpperCase())} — ${sys} ${pick(r, ARTIFACTS)} blocked`;
    case "Decision":
      return `Decide on ${pick(r, ARTIFACTS)} for ${sys}`;
    case "Budget":
      return `${sys} ${pick(r, ["licences", "contractors", "hardware", "hosting", "training"])} budget`;
    case "Deliverable":
      return `${pick(r, ARTIFACTS).replace(/^\w/, (c) => c.toUpperCase())} for ${sys} delivered`;
    default:
      return `${pick(r, VERBS)} ${pick(r, ARTIFACTS)} for ${sys}`;
  }
}

export type GeneratedItem = {
  id: string;
  itemNum: number;
  type: ItemType;
  title: string;
  description: string | null;
  workstreamId: string | null;
  assignedTo: string | null;
  start: IsoDate | null;
  finish: IsoDate | null;
  duration: number | null;
  deadline: IsoDate | null;
  draft: boolean;
  clientVisible: boolean;
  percentComplete: number;
  priority: string | null;
  rptOut: string[];
  budgetAmount: string | null;
  probability: number | null;
  impact: number | null;
  mitigation: string | null;
  contingency: string | null;
  riskOwner: string | null;
  /** As the app computes it for `today` (so the seeded data is already fresh). */
  indicator: string | null;
  severityRank: number;
  createdAt: Date;
};

export type GeneratedNote = {
  id: string;
  itemId: string;
  noteDate: IsoDate;
  content: string;
  authorName: string;
  createdAt: Date;
};
export type GeneratedDependency = { itemId: string; dependsOnId: string };

/**
 * `count` items for one project (numbers 1..count), their notes (0–4 each,
 * about 1.2 on average) and dependencies (about one item in six depends on
 * one or two earlier ones).
 */
export function generateProject(
  seed: number,
  count: number,
  today: IsoDate,
  workstreamIds: string[],
): { items: GeneratedItem[]; notes: GeneratedNote[]; dependencies: GeneratedDependency[] } {
  const r = rng(seed);
  const items: GeneratedItem[] = [];
  const notes: GeneratedNote[] = [];
  const dependencies: GeneratedDependency[] = [];
  const now = Date.now();
  for (let k = 1; k <= count; k++) {
    // Types as a real log mixes them: mostly actions and plan items, fewer decisions and budget lines.
    const roll = r();
    const type: ItemType =
      roll < 0.28
        ? "Action Item"
        : roll < 0.5
          ? "Plan Item"
          : roll < 0.68
            ? "Risk"
            : roll < 0.8
              ? "Issue"
              : roll < 0.88
                ? "Deliverable"
                : roll < 0.95
                  ? "Decision"
                  : "Budget";
    const hasDates = type !== "Decision" || r() < 0.5;
    // Older items sit further in the past: item numbers grow with time.
    const start = hasDates ? addDays(today, Math.round(-400 + (k / count) * 460 + (r() - 0.5) * 60)) : null;
    const duration = start ? 3 + Math.floor(r() * 60) : null;
    const finish = start ? addDays(start, Math.round((duration ?? 0) * 1.4)) : null;
    const deadline = finish && r() < 0.35 ? addDays(finish, Math.floor(r() * 20) - 5) : null;
    const age = start ? (Date.parse(today) - Date.parse(start)) / 86_400_000 : 0;
    const percentComplete = !start
      ? r() < 0.5
        ? 100
        : 0
      : age > (duration ?? 0) * 1.6
        ? r() < 0.85
          ? 100
          : Math.floor(r() * 100)
        : age > 0
          ? Math.min(100, Math.floor(r() * 100))
          : 0;
    const risk = type === "Risk" || type === "Issue";
    const descWords = r() < 0.15 ? 0 : 5 + Math.floor(r() * 25);
    const item: GeneratedItem = {
      id: randomUUID(),
      itemNum: k,
      type,
      title: title(r, type),
      description: descWords
        ? `${sentence(r, descWords)} ${r() < 0.3 ? sentence(r, 6 + Math.floor(r() * 12)) : ""}`.trim()
        : null,
      workstreamId: workstreamIds.length && r() < 0.9 ? pick(r, workstreamIds) : null,
      assignedTo: r() < 0.92 ? pick(r, PEOPLE) : null,
      start,
      finish,
      duration,
      deadline,
      draft: r() < 0.02,
      clientVisible: r() < 0.8,
      percentComplete,
      priority: pick(r, PRIORITIES),
      rptOut:
        r() < 0.3
          ? [pick(r, REPORTS)]
          : r() < 0.1
            ? [pick(r, REPORTS), pick(r, REPORTS)].filter((v, i, a) => a.indexOf(v) === i)
            : [],
      budgetAmount:
        type === "Budget"
          ? (Math.floor(r() * 5_000_00) + 1_000_00).toString().replace(/(\d\d)$/, ".$1")
          : null,
      probability: risk ? 1 + Math.floor(r() * 5) : null,
      impact: risk ? 1 + Math.floor(r() * 5) : null,
      mitigation: risk && r() < 0.7 ? sentence(r, 10 + Math.floor(r() * 15)) : null,
      contingency: risk && r() < 0.4 ? sentence(r, 8 + Math.floor(r() * 10)) : null,
      riskOwner: risk ? pick(r, PEOPLE) : null,
      indicator: null,
      severityRank: 0,
      createdAt: new Date(now - (count - k) * 3_600_000),
    };
    item.indicator = computeIndicator(item, today);
    item.severityRank = severityRank(item.indicator as Parameters<typeof severityRank>[0]);
    items.push(item);
    const noteCount = r() < 0.45 ? 0 : Math.floor(r() * 4) + 1;
    for (let n = 0; n < noteCount; n++) {
      const noteDate = addDays(start ?? today, Math.floor(r() * 60) - 20);
      notes.push({
        id: randomUUID(),
        itemId: item.id,
        noteDate: noteDate > today ? today : noteDate,
        content: `${sentence(r, 5 + Math.floor(r() * 20))}${r() < 0.3 ? ` ${pick(r, PEOPLE)} to follow up.` : ""}`,
        authorName: pick(r, PEOPLE),
        createdAt: new Date(now - (count - k) * 3_600_000 + n * 60_000),
      });
    }
    if (k > 10 && r() < 0.17) {
      const deps = new Set<number>([Math.max(1, k - 1 - Math.floor(r() * 50))]);
      if (r() < 0.3) deps.add(Math.max(1, k - 1 - Math.floor(r() * 300)));
      for (const d of deps) dependencies.push({ itemId: item.id, dependsOnId: items[d - 1]!.id });
    }
  }
  return { items, notes, dependencies };
}
