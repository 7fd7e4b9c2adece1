/**
 * The HTTP benchmark's requests (bench-http.ts): each procedure as a scenario for the app (tRPC)
 * and for the floor server, and a weighted mix of the reads.
 */
import type { RequestSpec, Scenario } from "./load";
import { trpcQuery } from "./servers";

/** Real searches of mixed selectivity: common and rare words, a prefix, two-word ANDs, a code name. */
export const QUERIES = [
  "payroll",
  "vendor",
  "firewall rules",
  "migr",
  "cutover plan",
  "Kestrel",
  "webhook",
  "waiver",
  "Zanzibar",
  "kalotor",
];
const MIX: [string, number][] = [
  ["item.get", 40],
  ["item.list", 20],
  ["project.dashboard", 15],
  ["search.query", 15],
  ["budget.metrics", 10],
];

export type Side = "app" | "floor";

/** The org's slug, the benchmarked project's item count and the size of each server's item.update pool. */
export type ScenarioSettings = { org: string; items: number; updatePool: number };

export function scenarios(
  side: Side,
  projectId: string,
  versions: Map<number, number>,
  { org: ORG, items: ITEMS, updatePool: UPDATE_POOL }: ScenarioSettings,
): Record<string, Scenario> {
  /** Item numbers spread over the project, the same sequence for app and floor. */
  const itemNumAt = (k: number) => ((k * 7919) % ITEMS) + 1;

  const base = { orgSlug: ORG, projectId };
  const get = (path: string): RequestSpec => ({ method: "GET", path });
  const poolStart = side === "app" ? 1 : UPDATE_POOL + 1;
  const updateTarget = (k: number) => poolStart + (k % UPDATE_POOL);
  // Each answer carries the item's new version; a CONFLICT carries the current one.
  const track = (status: number, body: string) => {
    try {
      const j = JSON.parse(body);
      const item =
        side === "app"
          ? status === 200
            ? j.result.data.json
            : j.error.json.data.details?.current
          : status === 200
            ? j
            : j.current;
      const num = side === "app" ? item?.itemNum : item?.item_num;
      if (num && item.version) versions.set(num, item.version);
    } catch {
      // counted as failed by the status
    }
  };
  if (side === "app") {
    return {
      "item.list": { next: () => get(trpcQuery("item.list", base)) },
      "item.get": { next: (k) => get(trpcQuery("item.get", { ...base, itemNum: itemNumAt(k) })) },
      "project.dashboard": { next: () => get(trpcQuery("project.dashboard", base)) },
      "search.query": {
        next: (k) => get(trpcQuery("search.query", { orgSlug: ORG, q: QUERIES[k % QUERIES.length] })),
      },
      "budget.metrics": { next: () => get(trpcQuery("budget.metrics", base)) },
      "item.update": {
        next: (k) => {
          const itemNum = updateTarget(k);
          return {
            method: "POST",
            path: "/api/trpc/item.update",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              json: {
                ...base,
                itemNum,
                version: versions.get(itemNum) ?? 1,
                percentComplete: (k * 13) % 101,
              },
            }),
          };
        },
        onResponse: track,
      },
    };
  }
  const q = encodeURIComponent(projectId);
  return {
    "item.list": { next: () => get(`/item.list?projectId=${q}`) },
    "item.get": { next: (k) => get(`/item.get?projectId=${q}&itemNum=${itemNumAt(k)}`) },
    "project.dashboard": { next: () => get(`/project.dashboard?projectId=${q}`) },
    "search.query": {
      next: (k) => get(`/search.query?q=${encodeURIComponent(QUERIES[k % QUERIES.length]!)}&limit=50`),
    },
    "budget.metrics": { next: () => get(`/budget.metrics?projectId=${q}`) },
    "item.update": {
      next: (k) => {
        const itemNum = updateTarget(k);
        return {
          method: "POST",
          path: "/item.update",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            projectId,
            itemNum,
            version: versions.get(itemNum) ?? 1,
            percentComplete: (k * 13) % 101,
          }),
        };
      },
      onResponse: track,
    },
  };
}

/** A weighted, interleaved sequence of the reads (deterministic). */
export function mixed(s: Record<string, Scenario>): Scenario {
  const order: string[] = [];
  const total = MIX.reduce((n, [, w]) => n + w, 0);
  for (let i = 0; i < total; i++) {
    // Largest-remainder interleaving: at step i pick the read furthest behind its share.
    let best = MIX[0]![0];
    let gap = -Infinity;
    for (const [name, w] of MIX) {
      const done = order.filter((o) => o === name).length;
      const g = ((i + 1) * w) / total - done;
      if (g > gap) [best, gap] = [name, g];
    }
    order.push(best);
  }
  return { next: (k) => s[order[k % order.length]!]!.next(Math.floor(k / order.length)) };
}
