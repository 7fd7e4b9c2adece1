/**
 * Benchmark rows for issue #13.2–13.4, used by scripts/bench.ts:
 * concurrent writes, search and item.list at organisation scale (200,000
 * items over 20 projects, seeded with scripts/lib/seed-scale.ts), the cost of
 * the middleware chain with and without the access cache, and the response
 * serializer against plain superjson. In-process, through the tRPC caller.
 */
import superjson from "superjson";
import type { AppSession } from "../../src/server/auth/session";
import { seedScale, tailWord } from "./seed-scale";

export type BenchRow = { name: string; p50: number; p95: number; target: number };

type Timed = { samples: number[] };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function row(name: string, target: number, t: Timed): BenchRow {
  const s = [...t.samples].sort((a, b) => a - b);
  return { name, p50: quantile(s, 0.5), p95: quantile(s, 0.95), target };
}

async function sample(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Timed> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { samples };
}

async function signedIn(email: string): Promise<AppSession> {
  const { getCentralDb } = await import("../../src/server/db/central");
  const u = await getCentralDb().user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  return {
    user: { id: u.id, email: u.email, name: u.name },
    orgSlug: null,
    sessionVersion: u.sessionVersion,
    expires: new Date(Date.now() + 3600_000).toISOString(),
  };
}

async function callerFor(
  session: AppSession | null,
  caches?: import("../../src/server/cache/access").AccessCaches,
) {
  const { createCaller } = await import("../../src/server/api/root");
  const { createInnerContext } = await import("../../src/server/api/trpc");
  return createCaller(createInnerContext({ session, system: session === null, caches }));
}

/**
 * N signed-in creators at once on one project: every create must succeed and
 * the numbers must be consecutive; the row reports each create's latency.
 */
export async function benchConcurrentCreates(
  orgSlug: string,
  projectId: string,
  email: string,
  n = 30,
): Promise<BenchRow> {
  const api = await callerFor(await signedIn(email));
  const before =
    (await api.item.list({ orgSlug, projectId, limit: 1, sort: { by: "itemNum", dir: "desc" } })).items[0]
      ?.itemNum ?? 0;
  const samples: number[] = [];
  const results = await Promise.allSettled(
    Array.from({ length: n }, async (_, k) => {
      const t = performance.now();
      const item = await api.item.create({
        orgSlug,
        projectId,
        type: "Action Item",
        title: `concurrent ${k}`,
      });
      samples.push(performance.now() - t);
      return item.itemNum;
    }),
  );
  const nums = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])).sort((a, b) => a - b);
  const ok = nums.length === n && nums.every((v, i) => v === before + 1 + i);
  const r = row(`${n} concurrent item.create (all ok)`, 1000, { samples });
  // A failure or a gap shows as a missed target.
  return ok ? r : { ...r, name: `${r.name}: ${n - nums.length} FAILED`, p95: Number.POSITIVE_INFINITY };
}

export type ScaleOrg = {
  orgSlug: string;
  projectIds: string[];
  memberEmail: string;
  ownerEmail: string;
  seed: { items: number; notes: number; attachments: number; ms: number };
};

/** An org of `projects` × `itemsPerProject` items (plus notes and attachment names); the member sees 5 projects. */
export async function seedScaleOrg(opts: {
  orgSlug?: string;
  projects?: number;
  itemsPerProject?: number;
  today: string;
}): Promise<ScaleOrg> {
  const orgSlug = opts.orgSlug ?? "scale";
  const sys = await callerFor(null);
  const ownerEmail = `owner@${orgSlug}.test`;
  const memberEmail = `member@${orgSlug}.test`;
  await sys.user.create({ email: ownerEmail, name: "Scale Owner", password: "Scale-pass-1" });
  await sys.user.create({ email: memberEmail, name: "Scale Member", password: "Scale-pass-1" });
  await sys.org.create({ name: "Scale", slug: orgSlug, ownerEmail });
  await sys.org.addMember({ orgSlug, email: memberEmail, role: "member" });
  const projectIds: string[] = [];
  for (let p = 0; p < (opts.projects ?? 20); p++)
    projectIds.push((await sys.project.create({ orgSlug, name: `Scale ${p + 1}` })).id);
  for (const projectId of projectIds.slice(0, 5))
    await sys.project.setRole({ orgSlug, projectId, email: memberEmail, role: "team_member" });
  const { getCentralDb } = await import("../../src/server/db/central");
  const { orgDatabaseUrl } = await import("../../src/server/db/clusters");
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  const seed = await seedScale({
    connectionString: orgDatabaseUrl(org),
    projectIds,
    itemsPerProject: opts.itemsPerProject ?? 10_000,
    noteEvery: 2,
    attachmentEvery: 10,
    today: opts.today,
  });
  // What autovacuum does to a table at rest: merge the indexes' pending entries, set the visibility map.
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: orgDatabaseUrl(org) });
  await c.connect();
  await c.query("VACUUM ANALYZE items, item_notes, attachments");
  await c.end();
  return { orgSlug, projectIds, memberEmail, ownerEmail, seed };
}

/** Words of every kind: very common, common pairs, prefixes, rare words, item numbers. */
export const SEARCH_MIX = [
  "vendor",
  "migration cutover",
  "permi",
  "firewall",
  "sponsor approval",
  tailWord(1234),
  tailWord(77).slice(0, 5),
  "#4321",
  "vendor " + tailWord(99),
  "audit",
];

/** Global search at scale for an org admin and for a member (5 of 20 projects), over the mix above. */
export async function benchSearchAtScale(s: ScaleOrg, runs = 5): Promise<BenchRow> {
  const samples: number[] = [];
  for (const email of [s.ownerEmail, s.memberEmail]) {
    const api = await callerFor(await signedIn(email));
    for (const q of SEARCH_MIX)
      samples.push(...(await sample(() => api.search.query({ orgSlug: s.orgSlug, q }), runs, 1)).samples);
  }
  return row(`search.query, ${(s.seed.items / 1000).toFixed(0)}k-item org (mix)`, 50, { samples });
}

/** item.list on one 10k-item project of the big org, without and with text search (the query, not the cache). */
export async function benchListAtScale(s: ScaleOrg, runs = 10): Promise<BenchRow[]> {
  const { createAccessCaches } = await import("../../src/server/cache/access");
  const api = await callerFor(await signedIn(s.ownerEmail), createAccessCaches({ ttlMs: 0 }));
  const scope = { orgSlug: s.orgSlug, projectId: s.projectIds[0]! };
  const plain = await sample(() => api.item.list(scope), runs);
  const searched: number[] = [];
  for (const search of ["vendor", "migration cutover", tailWord(1234), "permi"])
    searched.push(...(await sample(() => api.item.list({ ...scope, search }), runs, 1)).samples);
  const base = row("item.list, 10k project in big org", 120, plain);
  // "As fast as without": the search row's target is the plain list's p95 (+10 ms of noise).
  return [
    base,
    row("item.list + text search, same project", Math.round(base.p95 + 10), { samples: searched }),
  ];
}

/**
 * What the middleware chain (session, org, membership, project role, tenant
 * client) adds to one project procedure, with the access cache off and on.
 * The procedure's own service call is timed in the same loop, alternating with
 * the procedure, so each overhead sample is (procedure − service call) over
 * neighbouring runs: the service's cost (a grouped count over the project's
 * items) and the machine's load cancel out instead of hiding in the target.
 */
export async function benchMiddleware(
  orgSlug: string,
  projectId: string,
  email: string,
  runs = 200,
): Promise<BenchRow[]> {
  const { createAccessCaches } = await import("../../src/server/cache/access");
  const { getCentralDb } = await import("../../src/server/db/central");
  const { getTenantDb } = await import("../../src/server/db/tenant");
  const { listWorkstreams } = await import("../../src/server/services/workstreams");
  const session = await signedIn(email);
  const db = getTenantDb(await getCentralDb().organization.findUniqueOrThrow({ where: { slug: orgSlug } }));
  const direct = () => listWorkstreams(db, projectId);
  const off = createAccessCaches({ ttlMs: 0 });
  const on = createAccessCaches({ ttlMs: 5_000 });
  const uncached = await callerFor(session, off);
  const cached = await callerFor(session, on);
  const scope = { orgSlug, projectId };
  // The cached instance starts caching once it listens for invalidations: warm it up first.
  for (let i = 0; i < 200 && on.projectAccess.size === 0; i++) {
    await cached.project.workstream.list(scope);
    await new Promise((r) => setTimeout(r, 5));
  }
  const service = await sample(direct, runs, 10);
  const cold = await paired(() => uncached.project.workstream.list(scope), direct, runs);
  const warm = await paired(() => cached.project.workstream.list(scope), direct, runs);
  await on.bus?.stop();
  return [
    row("service call alone (workstream list, 10k items)", 50, service),
    row("middleware overhead, access cache off", 15, cold),
    row("middleware overhead, access cache on", 3, warm),
  ];
}

/** Samples of (withChain − alone), each pair timed back to back, order alternating. */
async function paired(
  withChain: () => Promise<unknown>,
  alone: () => Promise<unknown>,
  runs: number,
): Promise<Timed> {
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) await Promise.all([withChain(), alone()]);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      const a = await time(withChain);
      samples.push(a - (await time(alone)));
    } else {
      const b = await time(alone);
      samples.push((await time(withChain)) - b);
    }
  }
  return { samples };
}

/** Writing a 200-item list response: superjson against the app's serializer (same wire format). */
export async function benchSerializer(orgSlug: string, projectId: string, runs = 50): Promise<BenchRow[]> {
  const { serializeResponse } = await import("../../src/server/api/transformer");
  const api = await callerFor(null);
  const list = await api.item.list({ orgSlug, projectId });
  return [
    row(
      "serialize list of 200: superjson",
      1000,
      await sample(async () => JSON.stringify(superjson.serialize(list)), runs),
    ),
    row(
      "serialize list of 200: app serializer",
      5,
      await sample(async () => JSON.stringify(serializeResponse(list)), runs),
    ),
  ];
}

/**
 * All of the above, for scripts/bench.ts. BENCH_SCALE_ITEMS (default 200,000;
 * 0 skips the big org) sets the org-scale data size, spread over 20 projects.
 */
export async function scaleRows(o: {
  orgSlug: string;
  projectId: string;
  email: string;
  today: string;
}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(await benchConcurrentCreates(o.orgSlug, o.projectId, o.email, 30));
  rows.push(...(await benchMiddleware(o.orgSlug, o.projectId, o.email)));
  rows.push(...(await benchSerializer(o.orgSlug, o.projectId)));
  const total = Number(process.env.BENCH_SCALE_ITEMS ?? 200_000);
  if (total > 0) {
    const projects = 20;
    const s = await seedScaleOrg({ projects, itemsPerProject: Math.ceil(total / projects), today: o.today });
    console.log(
      `seeded ${s.seed.items} items, ${s.seed.notes} notes, ${s.seed.attachments} attachments in ${(s.seed.ms / 1000).toFixed(1)} s (+ VACUUM ANALYZE)`,
    );
    rows.push(await benchSearchAtScale(s));
    rows.push(...(await benchListAtScale(s)));
  }
  return rows;
}
