/**
 * HTTP benchmark:  npm run bench:http  (also the second half of npm run bench)
 *
 * The production build under `next start`, signed in over HTTP, against a
 * floor server (plain node:http + pg, same SQL at minimum) on the same data
 * in the same run: a throw-away embedded PostgreSQL holding one org of
 * 200,000 items in 20 projects, the benchmarked project holding 10,000.
 * autocannon drives item.list, item.get, project.dashboard, search.query,
 * budget.metrics and item.update at 1 and 8 connections, then a weighted mix
 * of the reads at 16; cold start is spawn → /api/health 200. Prints the
 * tables and the targets; exits 1 when a target is missed.
 *
 * Flags: --seconds N (per run, default 10) --items N (benchmarked project,
 * default 10000) --org-items N (whole org, default 200000) --projects N
 * (default 20) --json FILE (raw results).
 *
 * --profile item.get,search.query,… replaces the measured runs: after the
 * warm-up, each named procedure is driven at 1 connection while the app
 * server's CPU profiler runs (only that window), and the profile is
 * summarised per package (next-auth, superjson, tRPC, Prisma, pg, Next.js…).
 * The .cpuprofile files are kept in --profile-dir (default .bench-profiles/).
 */
import { mkdtemp, rm, chmod, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../src/server/db/embedded";
import { withDatabase } from "../src/server/db/urls";
import { ensureBuild } from "./lib/build";
import { ensureDatabaseExists } from "./lib/local-env";
import { addDays } from "../src/domain/dates";
import { WORKSTREAM_NAMES } from "./lib/bench/vocabulary";
import { seedItems } from "./lib/bench/seed";
import { drive, type Scenario } from "./lib/bench/load";
import { profileWindow } from "./lib/bench/profile-window";
import { summarize } from "./lib/bench/profile-summary";
import { mixed, QUERIES, scenarios } from "./lib/bench/scenarios";
import { signIn, startApp, startFloor, type Child } from "./lib/bench/servers";
import {
  FLOOR_MIN_MS,
  mixedTable,
  resultsTable,
  targetsTable,
  type Pair,
  type ProcedureResult,
  type Target,
} from "./lib/bench/report";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.BENCH_HTTP_SECONDS ?? "10" },
    items: { type: "string", default: "10000" },
    "org-items": { type: "string", default: "200000" },
    projects: { type: "string", default: "20" },
    json: { type: "string" },
    profile: { type: "string" },
    "profile-dir": { type: "string", default: ".bench-profiles" },
  },
  strict: true,
});

const SECONDS = Number(args.seconds);
const ITEMS = Number(args.items);
const PROJECTS = Math.max(1, Number(args.projects));
const ORG_ITEMS = Math.max(ITEMS, Number(args["org-items"]));
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const EMAIL = "bench@bench.test";
const PASSWORD = "Bench-pass-1";
const ORG = "bench";
/** item.update targets: a pool per server, round-robin, so no two requests in flight touch one item. */
const UPDATE_POOL = Math.min(500, Math.floor(ITEMS / 2));
/** A run that got fewer answers than this continues until it has them (slow procedures). */
const MIN_SAMPLES = 5;

const log = (m: string) => console.error(m);
const loadavg = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(" / ");

const LABELS: Record<string, string> = {
  "item.list": "item.list (first page, 200)",
  "item.get": "item.get (notes, dependencies)",
  "project.dashboard": "project.dashboard",
  "search.query": `search.query (org, ${ORG_ITEMS.toLocaleString("en-US")} items)`,
  "budget.metrics": "budget.metrics",
  "item.update": "item.update",
};

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  log(
    `HTTP benchmark: ${ITEMS} items in the project, ${ORG_ITEMS} in the org (${PROJECTS} projects), ${SECONDS} s per run; load average ${loadAtStart}`,
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-bench-http-"));
  await chmod(dir, 0o777);
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${String(e)}`));
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    // 1. Settings for the app server; the build (reused when the sources have not changed) is made with them.
    const appPort = await freePort();
    const baseEnv = {
      ...process.env,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
      NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
      ENCRYPTION_KEY: "YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDA",
      NEXT_TELEMETRY_DISABLED: "1",
      BRAIDMGR_DATA_DIR: path.join(dir, "data"),
      LOG_LEVEL: "warn",
    };
    // 2. PostgreSQL, the app's migrations, the org and projects through the tRPC caller.
    const pgServer = await startEmbeddedPostgres({
      dataDir: path.join(dir, "pg"),
      port: await freePort(),
      user: "bench",
      password: "bench",
      persistent: false,
      fast: true,
    });
    cleanups.push(() => pgServer.stop());
    const env = { ...baseEnv, DATABASE_URL: withDatabase(pgServer.url, "braidmgr_central") };
    let t = performance.now();
    const built = ensureBuild({ distDir: DIST_DIR, env, log });
    log(
      built
        ? `built into ${DIST_DIR} in ${((performance.now() - t) / 1000).toFixed(0)} s`
        : `using the current build in ${DIST_DIR}`,
    );
    Object.assign(process.env, { ...env, LOG_LEVEL: "silent" });
    await ensureDatabaseExists(env.DATABASE_URL);
    const { migrateAll } = await import("./lib/migrate-all");
    await migrateAll();
    const { createCaller } = await import("../src/server/api/root");
    const { createInnerContext } = await import("../src/server/api/trpc");
    const { getCentralDb, disconnectCentralDb } = await import("../src/server/db/central");
    const { disconnectAllTenantDbs } = await import("../src/server/db/tenant");
    const { today: todayFn } = await import("../src/server/clock");
    const today = todayFn();
    const api = createCaller(createInnerContext({ session: null, system: true }));
    await api.user.create({ email: EMAIL, name: "Bench User", password: PASSWORD });
    await api.org.create({ name: "Bench Org", slug: ORG, ownerEmail: EMAIL });
    const central = getCentralDb();
    const user = await central.user.findUniqueOrThrow({ where: { email: EMAIL }, select: { id: true } });
    const org = await central.organization.findUniqueOrThrow({
      where: { slug: ORG },
      select: { databaseName: true },
    });
    const tenantUrl = withDatabase(env.DATABASE_URL, org.databaseName);
    const projectIds: string[] = [];
    for (let p = 0; p < PROJECTS; p++) {
      const created = await api.project.create({
        orgSlug: ORG,
        name: p === 0 ? "Bench Programme" : `Programme ${p + 1}`,
        clientName: `Client ${String.fromCharCode(65 + (p % 26))}`,
        projectStart: addDays(today, -400),
        projectEnd: addDays(today, 200),
        workstreams: WORKSTREAM_NAMES.slice(0, 5 + (p % 4)),
      });
      projectIds.push(created.id);
    }
    const projectId = projectIds[0]!;

    // 3. Bulk rows straight into the org database, then the app's indicator recalculation.
    t = performance.now();
    const client = new pg.Client({ connectionString: tenantUrl });
    await client.connect();
    const ws = await client.query<{ project_id: string; id: string }>(
      "SELECT project_id, id FROM workstreams ORDER BY sort_order, name",
    );
    const others = PROJECTS > 1 ? (ORG_ITEMS - ITEMS) / (PROJECTS - 1) : 0;
    const counts = projectIds.map((_, p) =>
      p === 0 ? ITEMS : Math.round(others * p) - Math.round(others * (p - 1)),
    );
    const seeded = await seedItems(client, {
      projects: projectIds.map((id) => ({
        id,
        workstreamIds: ws.rows.filter((w) => w.project_id === id).map((w) => w.id),
      })),
      counts,
      userId: user.id,
      today,
      log,
    });
    // Indicators were computed by the generator with the app's own rules for today; the app's
    // recalculation of the benchmarked project confirms it (and stamps it fresh), the rest are stamped.
    const recalc = await api.item.recalculateIndicators({ orgSlug: ORG, projectId });
    if (recalc.changed)
      log(`warning: the app's recalculation changed ${recalc.changed} generated indicators`);
    await client.query(
      "UPDATE projects SET indicators_as_of = $1::date, indicators_updated = now() WHERE id <> $2",
      [today, projectId],
    );
    await disconnectAllTenantDbs();
    await disconnectCentralDb();
    const seedSeconds = (performance.now() - t) / 1000;
    log(
      `seeded ${seeded.items} items, ${seeded.notes} notes, ${seeded.dependencies} dependencies, ${seeded.timesheets} timesheet rows in ${seedSeconds.toFixed(0)} s (recalculation included)`,
    );

    // 4. The servers: the floor, then the app (cold start measured from spawn).
    const floor: Child = await startFloor({ port: await freePort(), databaseUrl: tenantUrl });
    cleanups.push(() => floor.stop());
    const profileDir = args.profile ? path.resolve(args["profile-dir"]) : undefined;
    if (profileDir) await mkdir(profileDir, { recursive: true });
    const app = await startApp({ port: appPort, distDir: DIST_DIR, env, profileDir });
    cleanups.push(() => app.stop());
    log(`app healthy ${app.coldStartMs.toFixed(0)} ms after spawn`);
    const cookie = await signIn(app.origin, EMAIL, PASSWORD);
    const appHeaders = { cookie };

    const appVersions = new Map<number, number>();
    const floorVersions = new Map<number, number>();
    const scenarioSettings = { org: ORG, items: ITEMS, updatePool: UPDATE_POOL };
    const s = {
      app: scenarios("app", projectId, appVersions, scenarioSettings),
      floor: scenarios("floor", projectId, floorVersions, scenarioSettings),
    };
    const origin = { app: app.origin, floor: floor.origin };
    const headers = { app: appHeaders, floor: {} };

    // item.update sends the version it last saw. A run that ends with a request in flight leaves that
    // item's version unknown, so each update run starts from the versions in the database.
    const readVersions = async () => {
      const { rows } = await client.query<{ item_num: number; version: number }>(
        "SELECT item_num, version FROM items WHERE project_id = $1 AND item_num <= $2",
        [projectId, 2 * UPDATE_POOL],
      );
      for (const r of rows)
        (r.item_num <= UPDATE_POOL ? appVersions : floorVersions).set(r.item_num, r.version);
    };
    cleanups.push(() => client.end());
    // A run ends with requests in flight; the server still finishes them. Wait until PostgreSQL has no
    // query running before the next run, so no run pays for the one before.
    const settle = async () => {
      for (let i = 0; i < 600; i++) {
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        );
        if (!rows[0]!.n) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 300));
    };

    // Each procedure answers correctly before anything is measured.
    for (const side of ["app", "floor"] as const) {
      for (const [name, sc] of Object.entries(s[side])) {
        const spec = sc.next(0);
        const res = await fetch(origin[side] + spec.path, {
          method: spec.method,
          headers: { ...headers[side], ...spec.headers },
          body: spec.body,
        });
        const body = await res.text();
        sc.onResponse?.(res.status, body);
        if (res.status !== 200) throw new Error(`${side} ${name}: HTTP ${res.status} ${body.slice(0, 300)}`);
      }
    }
    const hits: string[] = [];
    for (const q of QUERIES) {
      const r = (await (
        await fetch(`${floor.origin}/search.query?q=${encodeURIComponent(q)}&limit=50`)
      ).json()) as { total: number };
      hits.push(`"${q}" ${r.total}`);
    }
    log(`search hits (items matching, org-wide): ${hits.join(", ")}`);

    // 5. Warm-up (JIT, lazily loaded route code, pools), then the measured runs, floor and app in turn.
    for (const side of ["floor", "app"] as const) {
      for (const [name, sc] of Object.entries(s[side])) {
        if (name === "item.update") await readVersions();
        await drive(origin[side], sc, {
          connections: 2,
          amount: name === "search.query" ? 10 : 40,
          headers: headers[side],
        });
      }
    }
    if (args.profile && profileDir) {
      for (const name of args.profile.split(",")) {
        const sc = (s.app as Record<string, Scenario | undefined>)[name];
        if (!sc) throw new Error(`--profile: no procedure ${name} (one of ${Object.keys(s.app).join(", ")})`);
        await settle();
        if (name === "item.update") await readVersions();
        const file = await profileWindow(app, profileDir, () =>
          drive(app.origin, sc, { connections: 1, seconds: SECONDS, headers: appHeaders }),
        );
        console.log(
          `\n${name}, 1 connection: ${file.result.requests} requests, p50 ${file.result.p50.toFixed(1)} ms (profiler on)`,
        );
        console.log(summarize(file.path, file.result.requests));
      }
      const { breakdown } = await import("./lib/bench/breakdown");
      console.log(
        `\nPer-request costs, timed in the bench process:\n\n${await breakdown({ cookie, tenantUrl, projectId, orgSlug: ORG })}`,
      );
      return 0;
    }

    const results: ProcedureResult[] = [];
    for (const name of Object.keys(LABELS)) {
      const run = async (connections: number): Promise<Pair> => {
        await settle();
        if (name === "item.update") await readVersions();
        const floorR = await drive(floor.origin, s.floor[name]!, {
          connections,
          seconds: SECONDS,
          minRequests: MIN_SAMPLES,
        });
        await settle();
        const appR = await drive(app.origin, s.app[name]!, {
          connections,
          seconds: SECONDS,
          headers: appHeaders,
          minRequests: MIN_SAMPLES,
        });
        log(
          `  ${name} @${connections}: app p50 ${appR.p50.toFixed(1)} ms, ${appR.rps.toFixed(0)} req/s · floor p50 ${floorR.p50.toFixed(1)} ms, ${floorR.rps.toFixed(0)} req/s`,
        );
        return { app: appR, floor: floorR };
      };
      const c1 = await run(1);
      const c8 = await run(8);
      results.push({ procedure: name, label: LABELS[name]!, read: name !== "item.update", c1, c8 });
    }
    const mixedFloor = await drive(floor.origin, mixed(s.floor), { connections: 16, seconds: SECONDS });
    const mixedApp = await drive(app.origin, mixed(s.app), {
      connections: 16,
      seconds: SECONDS,
      headers: appHeaders,
    });
    const mix: Pair = { app: mixedApp, floor: mixedFloor };
    log(`  mixed @16: app ${mixedApp.rps.toFixed(0)} req/s · floor ${mixedFloor.rps.toFixed(0)} req/s`);

    // 6. Targets.
    const by = (n: string) => results.find((r) => r.procedure === n)!;
    const targets: Target[] = [
      ...results
        .filter((r) => r.read)
        .map((r) => ({
          name: `${r.procedure} p50 ≤ 2× floor p50 (floor ≥ ${FLOOR_MIN_MS} ms), 1 conn.`,
          measured: r.c1.app.p50,
          limit: 2 * Math.max(FLOOR_MIN_MS, r.c1.floor.p50),
          unit: "ms" as const,
        })),
      {
        name: `search.query p95 ≤ 50 ms at ${ORG_ITEMS.toLocaleString("en-US")} items, 1 conn.`,
        measured: by("search.query").c1.app.p95,
        limit: 50,
        unit: "ms",
      },
      {
        name: "mixed reads ≥ 500 req/s at 16 connections",
        measured: mixedApp.rps,
        limit: 500,
        unit: "req/s",
        atLeast: true,
      },
      {
        name: "item.update p95 ≤ 30 ms, 1 conn.",
        measured: by("item.update").c1.app.p95,
        limit: 30,
        unit: "ms",
      },
      {
        name: "cold start (spawn → /api/health 200) ≤ 5 s",
        measured: app.coldStartMs,
        limit: 5000,
        unit: "ms",
      },
      {
        name: "no failed request (app)",
        measured: results.reduce((n, r) => n + r.c1.app.failed + r.c8.app.failed, 0) + mixedApp.failed,
        limit: 0,
        unit: "",
      },
    ];
    const checked = targetsTable(targets);
    const loadAtEnd = loadavg();
    const out = [
      "",
      `HTTP benchmark, ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} cores, load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end`,
      `data: ${ITEMS.toLocaleString("en-US")} items in the project, ${seeded.items.toLocaleString("en-US")} in the org (${PROJECTS} projects), ${seeded.notes.toLocaleString("en-US")} notes; ${SECONDS} s per run; latencies in ms, p50/p97.5 at 1 connection`,
      "",
      resultsTable(results),
      "",
      mixedTable(mix),
      "",
      `cold start (next start → /api/health 200): ${app.coldStartMs.toFixed(0)} ms`,
      "",
      checked.text,
      "",
      checked.missed ? `${checked.missed} target(s) missed` : "all targets met",
    ].join("\n");
    console.log(out);
    if (args.json) {
      await writeFile(
        args.json,
        JSON.stringify(
          {
            startedAt,
            loadAtStart,
            loadAtEnd,
            items: ITEMS,
            orgItems: seeded.items,
            seconds: SECONDS,
            coldStartMs: app.coldStartMs,
            results,
            mixed: mix,
            targets,
          },
          null,
          2,
        ),
      );
    }
    return checked.missed ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
