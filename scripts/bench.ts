/**
 * Performance targets:  npm run bench
 *
 * Two sections, each exiting 1 when one of its targets is missed:
 * - in process: a throw-away embedded PostgreSQL with one project of 10,000
 *   items, through the same tRPC caller the app uses; p50/p95 per operation
 *   against its target;
 * - HTTP (scripts/bench-http.ts, also `npm run bench:http`): the production
 *   server against a floor server on 200,000 items.
 *
 * `--in-process-only` / `--http-only` run one section; other flags go to the
 * HTTP section (e.g. `--seconds 5`).
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort, startEmbeddedPostgres } from "../src/server/db/embedded";
import { withDatabase } from "../src/server/db/urls";
import { ensureDatabaseExists } from "./lib/local-env";
import { importRows } from "./lib/bench-imports";
import { scheduleBenchRows } from "./lib/bench/schedule";
import { computeIndicator } from "../src/domain/indicators";
import { addDays } from "../src/domain/dates";
import { ITEM_TYPES } from "../src/domain/types";
import type { ItemRecord } from "../src/domain/types";

const { values: sections, tokens } = parseArgs({
  options: { "http-only": { type: "boolean" }, "in-process-only": { type: "boolean" } },
  strict: false,
  tokens: true,
});
/** Everything but our own two flags goes to the HTTP section. */
const httpArgs = tokens
  .filter((t) => !(t.kind === "option" && (t.name === "http-only" || t.name === "in-process-only")))
  .map((t) =>
    t.kind === "option"
      ? t.rawName + (t.inlineValue ? `=${t.value}` : "")
      : t.kind === "positional"
        ? t.value
        : "--",
  );

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

type Result = { name: string; p50: number; p95: number; target: number; note?: string };

async function time(
  name: string,
  target: number,
  fn: () => Promise<unknown> | unknown,
  runs = RUNS,
): Promise<Result> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, p50: at(0.5), p95: at(0.95), target };
}

function syntheticItems(n: number, today: string): ItemRecord[] {
  const people = ["Ana Ruiz", "Bo Chen", "Chidi Okafor", "Dana Kowalski", "Eitan Levi", "Fatima Zahra"];
  return Array.from({ length: n }, (_, k) => {
    const start = addDays(today, (k % 200) - 120);
    return {
      itemNum: k + 1,
      type: ITEM_TYPES[k % ITEM_TYPES.length]!,
      title: `Item ${k + 1}: ${["vendor delivery", "load test", "permit", "design review", "cutover"][k % 5]} ${k % 97}`,
      description: k % 3 ? `Details for item ${k + 1} with enough text to search through.` : null,
      workstream: ["Design", "Build", "Test", "Rollout", "Change Mgmt"][k % 5]!,
      assignedTo: people[k % people.length]!,
      start,
      finish: addDays(start, 10 + (k % 60)),
      deadline: k % 4 === 0 ? addDays(start, 80) : null,
      duration: 10 + (k % 40),
      percentComplete: (k * 7) % 101,
      draft: k % 50 === 0,
      clientVisible: k % 5 !== 0,
      priority: ["High", "Medium", "Low"][k % 3]!,
      rptOut: k % 2 ? ["SR"] : [],
      budgetAmount: null,
      indicator: null,
      notes: [],
      dependsOn: [],
    };
  });
}

async function inProcess(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-bench-"));
  await chmod(dir, 0o777);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: await freePort(),
    user: "bench",
    password: "bench",
    persistent: false,
    fast: true,
  });
  Object.assign(process.env, {
    DATABASE_URL: withDatabase(pg.url, "braidmgr_central"),
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "silent",
  });
  await ensureDatabaseExists(process.env.DATABASE_URL!);
  const { migrateAll } = await import("./lib/migrate-all");
  await migrateAll();
  const { createCaller } = await import("../src/server/api/root");
  const { createInnerContext } = await import("../src/server/api/trpc");
  const { getCentralDb, disconnectCentralDb } = await import("../src/server/db/central");
  const { getTenantDb, disconnectAllTenantDbs } = await import("../src/server/db/tenant");
  const { importProject } = await import("../src/server/services/import");
  const { today } = await import("../src/server/clock");

  const api = createCaller(createInnerContext({ session: null, system: true }));
  // The query rows measure computing the answer: no per-instance cache of access or answers.
  const { createAccessCaches } = await import("../src/server/cache/access");
  const uncached = createCaller(
    createInnerContext({ session: null, system: true, caches: createAccessCaches({ ttlMs: 0 }) }),
  );
  await api.user.create({ email: "bench@bench.test", name: "Bench", password: "Bench-pass-1" });
  await api.org.create({ name: "Bench", slug: "bench", ownerEmail: "bench@bench.test" });
  const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: "bench" } });
  const t = today();
  const items = syntheticItems(ITEMS, t);
  const actor = { userId: null, name: "bench", correlationId: "bench" };
  const started = performance.now();
  const { projectId } = await importProject(
    getTenantDb(org),
    actor,
    {
      project: {
        name: "Bench",
        clientName: null,
        projectStart: null,
        projectEnd: null,
        nextItemNum: ITEMS + 1,
        workstreams: [],
      },
      items,
      budget: null,
      warnings: [],
    },
    t,
  );
  const importMs = performance.now() - started;
  const s = { orgSlug: "bench", projectId };

  const results = [
    { name: `import ${ITEMS} items (one transaction)`, p50: importMs, p95: importMs, target: 5000 },
    await time("indicators: compute 10k (pure)", 20, () => items.forEach((i) => computeIndicator(i, t))),
    await time("item.list first page (200)", 120, () => uncached.item.list({ ...s })),
    await time("item.list sort by severity", 150, () =>
      uncached.item.list({ ...s, sort: { by: "severity", dir: "asc" } }),
    ),
    await time("item.list open + type + assignee", 150, () =>
      uncached.item.list({ ...s, openOnly: true, types: ["Risk"], assignees: ["Bo Chen"] }),
    ),
    await time("item.list text search", 150, () => uncached.item.list({ ...s, search: "vendor 42" })),
    await time("item.list deep page (offset 9,000)", 200, () =>
      uncached.item.list({ ...s, cursor: ITEMS - 1000 }),
    ),
    await time("project.dashboard", 500, () => uncached.project.dashboard(s), 10),
    await time("export csv (10k)", 1500, () => api.project.export({ ...s, format: "csv" }), 5),
    await time("item.recalculateIndicators (10k)", 2000, () => api.item.recalculateIndicators(s), 3),
    await time("item.create", 60, () => api.item.create({ ...s, type: "Risk", title: "bench" }), 20),
    // Imports at size: generated v1 files through the procedures the CLI and the app use.
    ...(await importRows(api, "bench", path.resolve(import.meta.dirname, ".."))),
    // Critical path and forecast on a synthetic 10k-item / 20k-dependency plan (SPEC §13), in memory.
    ...scheduleBenchRows().map((r): Result => ({
      name: r.name,
      p50: r.p50,
      p95: r.p95,
      target: r.target,
      note: `cpu p50 ${r.cpuP50.toFixed(1)} ms`,
    })),
  ];
  // Writes under contention, the access cache, the serializer, search and lists at org scale (issue #13.2–13.4).
  const { scaleRows } = await import("./lib/bench-scale");
  results.push(...(await scaleRows({ orgSlug: "bench", projectId, email: "bench@bench.test", today: t })));

  let missed = 0;
  console.log(
    `\n${"operation".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"target".padStart(8)}`,
  );
  for (const r of results) {
    const ok = r.p95 <= r.target;
    if (!ok) missed++;
    console.log(
      `${r.name.padEnd(40)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.target).padStart(8)}  ${ok ? "ok" : "MISSED"}${r.note ? `  (${r.note})` : ""}`,
    );
  }
  await disconnectAllTenantDbs();
  await disconnectCentralDb();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
  return missed ? 1 : 0;
}

/** The HTTP section in its own process (it starts servers of its own). */
function http(): number {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bench-http.ts"), ...httpArgs],
    { stdio: "inherit" },
  );
  return r.status ?? 1;
}

async function main() {
  let code = 0;
  if (!sections["http-only"]) {
    console.log("== in process (tRPC caller) ==");
    code |= await inProcess();
  }
  if (!sections["in-process-only"]) {
    console.log("\n== HTTP (next start vs floor) ==");
    code |= http();
  }
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
