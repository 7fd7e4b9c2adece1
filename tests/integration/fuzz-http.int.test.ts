/**
 * Fuzzing through HTTP: every procedure of appRouter gets inputs generated
 * from its own zod input schemas (tests/support/zod-arbitrary.ts: mostly
 * near-valid with real ids mixed in, so calls get past the access checks and
 * into the services; sometimes garbage — NUL characters, unicode, long
 * strings, huge / negative / fractional numbers, keys such as `__proto__`),
 * sent through the real HTTP edge (src/server/api/http.ts behind a Node HTTP
 * server, as tests/integration/auth-http-server.ts serves it) by a signed-in
 * org owner: queries as GET with superjson input, mutations as POST JSON.
 *
 * Every answer must be a success or a proper tRPC error (JSON with code,
 * message, matching httpStatus) below 500, and the server must raise no
 * unhandled rejection or uncaught exception.
 *
 *   FUZZ_RUNS   inputs per procedure (default 6: the whole file stays near a minute on 2 cores)
 *   FUZZ_SEED   the seed (printed when something fails, to replay it)
 *   FUZZ_ONLY   comma-separated procedure paths to fuzz (default: all)
 *   FUZZ_STATS  print, per procedure, how many answers had each status (how deep the inputs got)
 *
 * Procedures that would destroy the fixture (deleting the org, signing out,
 * …) run last, against a throwaway org and project; subscriptions only have
 * their first answer checked.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { appRouter } from "@/server/api/root";
import { dnsDeps } from "@/server/services/domains";
import { resetStorageClient } from "@/server/storage";
import { procedureInputArbitrary } from "../support/zod-arbitrary";
import { startS3 } from "../support/s3";
import { fixture } from "../support/fixtures";
import { CookieJar, startAuthHttpServer } from "./auth-http-server";
import { rawExchange } from "./raw-http";
import { callerFor, confirmEmail, makeUser, PASSWORD, systemCaller } from "./helpers";

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 6));
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const ONLY = new Set(
  (process.env.FUZZ_ONLY ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

type Proc = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
const ALL = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
);

/**
 * Run last, in this order, against throwaway data: they remove what the others need
 * (the project, members, the org, the caller's own session or password).
 */
const DESTRUCTIVE = [
  "project.delete",
  // Can make another member owner and then demote the caller (legitimately): the fixture's owner would be gone.
  "org.addMember",
  "org.removeMember",
  "org.setMemberRole",
  "org.transferOwnership",
  "org.sso.update",
  "org.delete",
  "user.changePassword",
  "user.revokeSession",
  "user.signOutEverywhere",
];

const ORG = "fuzz";
const SPARE_ORG = "fuzz-spare";
const OWNER = "owner@fuzz.test";
const MEMBER = "member@fuzz.test";

let server: Awaited<ReturnType<typeof startAuthHttpServer>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let dataDir = "";
const jar = new CookieJar();
let fieldValues: Record<string, readonly unknown[]> = {};
let spareValues: Record<string, readonly unknown[]> = {};

const troubles: string[] = [];
const stats = new Map<string, Map<number, number>>();
const onRejection = (reason: unknown) =>
  troubles.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
const onException = (err: Error) => troubles.push(`uncaughtException: ${String(err?.stack ?? err)}`);
const savedResolveTxt = dnsDeps.resolveTxt;

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  dataDir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-fuzz-"));
  s3 = await startS3();
  server = await startAuthHttpServer();
  // Nothing leaves this machine: no model, no SMTP, no DNS, SSO issuers on a closed loopback port.
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.SMTP_URL;
  delete process.env.TRUSTED_PROXIES;
  Object.assign(process.env, s3.env, { NEXTAUTH_URL: server.url, BRAIDMGR_DATA_DIR: dataDir });
  resetEnvCache();
  resetStorageClient();
  dnsDeps.resolveTxt = async () => [];

  const owner = await makeUser(OWNER, "Olive Owner");
  const member = await makeUser(MEMBER, "Max Member");
  await confirmEmail(OWNER);
  const sys = systemCaller();
  await sys.org.create({ name: "Fuzz", slug: ORG, ownerEmail: OWNER });
  await sys.org.create({ name: "Fuzz spare", slug: SPARE_ORG, ownerEmail: OWNER });
  await sys.org.addMember({ orgSlug: ORG, email: MEMBER, role: "member" });
  await sys.org.addMember({ orgSlug: SPARE_ORG, email: MEMBER, role: "member" });
  const projectId = (await sys.project.create({ orgSlug: ORG, name: "Fuzzed" })).id;
  const spareProjectId = (await sys.project.create({ orgSlug: SPARE_ORG, name: "Throwaway" })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId, email: MEMBER, role: "team_member" });

  const api = await callerFor(OWNER);
  const scope = { orgSlug: ORG, projectId };
  await api.project.workstream.add({ ...scope, name: "Core" });
  const items = [];
  for (const [type, title] of [
    ["Risk", "Supplier delay"],
    ["Action Item", "Book the venue"],
    ["Issue", "Login broken"],
  ] as const) {
    items.push(
      await api.item.create({
        ...scope,
        type,
        title,
        start: "2026-01-05",
        finish: "2026-03-01",
        workstream: "Core",
      }),
    );
  }
  const note = await api.item.addNote({ ...scope, itemNum: 1, content: "First note" });
  const portfolio = await api.portfolio.create({ orgSlug: ORG, name: "All", projectIds: [projectId] });
  const chat = await api.chat.create({ orgSlug: ORG, projectId, title: "Fuzz chat" });
  const baseline = await api.baseline.create({ ...scope, name: "Plan A" });

  const ids = [
    projectId,
    owner.id,
    member.id,
    portfolio.id,
    chat.id,
    baseline.id,
    (note as { id: string }).id,
  ];
  const dates = ["2026-01-05", "2026-03-01", "2026-02-29", "2025-12-31"];
  fieldValues = {
    orgSlug: [ORG],
    projectId: [projectId],
    projectIds: [[projectId], []],
    itemNum: items.map((i) => i.itemNum),
    version: [1, 2],
    dependsOn: [[2], [1, 3], [1]],
    id: ids,
    userId: [owner.id, member.id],
    actorId: [owner.id],
    portfolioId: [portfolio.id],
    sessionId: [chat.id],
    baselineId: [baseline.id],
    noteId: [(note as { id: string }).id],
    email: [MEMBER, "new.person@fuzz.test", OWNER],
    workstream: ["Core", null],
    name: ["Core", "A name"],
    // Start before finish (a rule of items), so creates and updates get through more often.
    start: ["2026-01-05", "2026-03-01"],
    finish: ["2026-03-01", "2026-04-30"],
    deadline: dates,
    assignedToUserId: [member.id, owner.id, null],
    assignedTo: ["Max Member", "Someone Else", null],
    date: dates,
    weekEnding: dates,
    effectiveFrom: dates,
    effectiveTo: dates,
    rollOffDate: dates,
    periodStart: dates,
    periodEnd: dates,
    // Real v1 files (and one whose YAML writes a NUL with "\0"), so imports run.
    raid: [
      fixture("RAID-Log-Sample-Platform-Upgrade.yaml"),
      fixture("RAID-Log-Sample-Platform-Upgrade.yaml").replace(/title: "([^"]*)"/, 'title: "$1\\0"'),
    ],
    budget: [fixture("Budget-Harbor-Bridge-Upgrade.yaml"), null],
    amount: ["1250.50", "0", "-300"],
    hourlyRate: ["185.00", "0"],
    rate: ["185.00"],
    budgetAmount: ["5000.00"],
    costImpact: ["25000.00"],
  };
  spareValues = { ...fieldValues, orgSlug: [SPARE_ORG], projectId: [spareProjectId], email: [MEMBER] };

  // Sign in over HTTP, as a browser would.
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({
      csrfToken,
      email: OWNER,
      password: PASSWORD,
      json: "true",
      callbackUrl: server.url,
    }),
  });
  jar.store(res);
  expect(jar.get("next-auth.session-token")).toBeTruthy();
}, 120_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS) {
    const lines = [...stats].map(
      ([p, counts]) =>
        `${p.padEnd(36)} ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([st, n]) => `${st}×${n}`)
          .join("  ")}`,
    );
    console.log(`answers per procedure (FUZZ_SEED=${SEED}):\n${lines.join("\n")}`);
  }
  dnsDeps.resolveTxt = savedResolveTxt;
  await server?.close();
  await s3?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
});

/* -------------------------------------------------------------- requests */

type Answer = { status: number; contentType: string; body: string };

/** The input as superjson writes it; plain `{json}` where superjson refuses (keys such as __proto__), as any client may send. */
function wire(input: unknown): string | null {
  try {
    return JSON.stringify(superjson.serialize(input));
  } catch {
    try {
      return JSON.stringify({ json: input });
    } catch {
      return null; // e.g. a BigInt outside superjson: no client can send it
    }
  }
}

/** One call over HTTP: GET for queries and subscriptions (only the first answer is read), POST for mutations. */
async function send(procPath: string, type: Proc["_def"]["type"], input: unknown): Promise<Answer | null> {
  const body = input === undefined ? undefined : wire(input);
  if (body === null) return null;
  const base = `${server.url}/api/trpc/${procPath}`;
  const headers: Record<string, string> = { cookie: jar.header() };
  if (type === "mutation") {
    headers["content-type"] = "application/json";
    const res = await fetch(base, { method: "POST", headers, body: body ?? "" });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  }
  const url = body === undefined ? base : `${base}?input=${encodeURIComponent(body)}`;
  // Node's HTTP parser refuses very long request lines (431) before our code sees them.
  if (url.length > 12_000) return null;
  if (type === "subscription") {
    const ac = new AbortController();
    headers.accept = "text/event-stream";
    const res = await fetch(url, { headers, signal: ac.signal });
    const contentType = res.headers.get("content-type") ?? "";
    if (!contentType.includes("event-stream") || !res.body) {
      const text = await res.text();
      return { status: res.status, contentType, body: text };
    }
    // The first events only. Errors (bad input included) arrive as a `serialized-error` event of a
    // 200 stream: that event is checked like an error answer, with its httpStatus as the status.
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const deadline = Date.now() + 1_500;
    let pending: ReturnType<typeof reader.read> | null = null;
    let first: { event: string | null; data: string } | null = null;
    while (Date.now() < deadline && !first) {
      pending ??= reader.read();
      const next = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
      if (next === null) continue;
      pending = null;
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
      for (const block of text.split(/\n\n+/)) {
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? null;
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data !== undefined && event !== "connected" && event !== "ping") {
          first = { event, data };
          break;
        }
      }
    }
    ac.abort();
    await reader.cancel().catch(() => undefined);
    if (first?.event === "serialized-error") {
      const status = Number(/"httpStatus":(\d+)/.exec(first.data)?.[1] ?? 599);
      return { status, contentType, body: `{"error": ${first.data}}` };
    }
    return { status: res.status, contentType, body: text };
  }
  const res = await fetch(url, { headers });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** What must hold for every answer (a message naming what did not, or null). */
function problemWith(a: Answer): string | null {
  if (a.status >= 500) return `status ${a.status}: ${a.body.slice(0, 400)}`;
  if (a.status < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    return `status ${a.status} without a JSON body: ${a.body.slice(0, 200)}`;
  }
  // A batch answers an array, one entry per call (one error each here).
  for (const entry of Array.isArray(parsed) ? parsed : [parsed]) {
    if (Array.isArray(parsed) && (entry as { result?: unknown }).result !== undefined) continue;
    const err = (
      entry as { error?: { json?: { message?: unknown; code?: unknown; data?: Record<string, unknown> } } }
    ).error?.json;
    if (
      !err ||
      typeof err.message !== "string" ||
      typeof err.code !== "number" ||
      typeof err.data?.code !== "string"
    )
      return `status ${a.status} is not a tRPC error: ${a.body.slice(0, 300)}`;
    if (!Array.isArray(parsed) && err.data.httpStatus !== a.status)
      return `httpStatus ${String(err.data.httpStatus)} ≠ status ${a.status}`;
    if (typeof err.data.httpStatus !== "number" || err.data.httpStatus >= 500)
      return `a ${String(err.data.httpStatus)} inside the answer: ${a.body.slice(0, 300)}`;
  }
  if (/\bat [\w.<>]+ \(|node_modules|prisma\.|postgres(ql)?:\/\//i.test(a.body))
    return `internal detail in a ${a.status}: ${a.body.slice(0, 300)}`;
  return null;
}

async function fuzz(procPath: string, proc: Proc, values: Record<string, readonly unknown[]>, runs: number) {
  const arb = procedureInputArbitrary(proc._def.inputs, {
    fieldValues: values,
    urlValues: ["http://127.0.0.1:9/idp", "https://127.0.0.1:9/issuer/"],
    maxStringLength: proc._def.type === "mutation" ? 20_000 : 600,
  });
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (input) => {
        const answer = await send(procPath, proc._def.type, input);
        if (!answer) return;
        const counts = stats.get(procPath) ?? new Map<number, number>();
        counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
        stats.set(procPath, counts);
        const problem = problemWith(answer);
        if (problem) throw new Error(`${procPath}: ${problem}`);
      }),
      { numRuns: runs, seed: SEED, endOnFailure: false, interruptAfterTimeLimit: 45_000 },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\nReplay with FUZZ_SEED=${SEED} FUZZ_ONLY=${procPath}`, {
      cause: err,
    });
  }
  expect(troubles, `FUZZ_SEED=${SEED}`).toEqual([]);
}

/* ----------------------------------------------------------------- tests */

const selected = ALL.filter(([p]) => !ONLY.size || ONLY.has(p));
const ordinary = selected.filter(
  ([p, proc]) => !DESTRUCTIVE.includes(p) && proc._def.type !== "subscription",
);
const subscriptions = selected.filter(([, proc]) => proc._def.type === "subscription");
const destructive = DESTRUCTIVE.flatMap((p) => selected.filter(([q]) => q === p));

describe(`fuzzing every procedure through HTTP (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`, () => {
  it("covers every procedure of the router", () => {
    expect(ALL.length).toBeGreaterThan(50);
    for (const p of DESTRUCTIVE) expect(ALL.map(([q]) => q)).toContain(p);
  });

  it.each(ordinary.map(([p, proc]) => [p, proc] as const))("%s", async (p, proc) => {
    await fuzz(p, proc, fieldValues, RUNS);
  });

  it.each(subscriptions.map(([p, proc]) => [p, proc] as const))("%s (first answer only)", async (p, proc) => {
    await fuzz(p, proc, fieldValues, Math.max(1, Math.ceil(RUNS / 2)));
  });

  // Last: against the throwaway org and project (and, at the very end, the caller's own session).
  it.each(destructive.map(([p, proc]) => [p, proc] as const))("%s (destructive, last)", async (p, proc) => {
    await fuzz(p, proc, spareValues, RUNS);
  });
});

/* -------------------------------------------------- malformed requests */

/** One request on its own connection, signed in (see raw-http.ts). */
const rawRequest = (opts: Parameters<typeof rawExchange>[1]) =>
  rawExchange(server.url, { ...opts, headers: { cookie: jar.header(), ...opts.headers } });

describe("malformed requests", () => {
  it.each([
    ["GET", "/api/trpc/%E0%A4%A"],
    ["GET", "/api/trpc/%E0%A4%A?batch=1&input=%7B%7D"],
    ["POST", "/api/trpc/%E0%A4%A"],
    ["GET", "/api/trpc/"],
    ["GET", "/api/trpc/no.such.procedure"],
    ["GET", "/api/trpc/org.list,no.such?batch=1&input=%7B%7D"],
    ["GET", "/api/trpc/item.list?input=%7B"],
    ["GET", "/api/trpc/item.list?input=%22just%20a%20string%22"],
    [
      "GET",
      "/api/trpc/item.list?input=%7B%22json%22%3A%7B%7D%2C%22meta%22%3A%7B%22values%22%3A%7B%22__proto__.polluted%22%3A%5B%22Date%22%5D%7D%7D%7D",
    ],
    ["GET", "/api/trpc/org.get?batch=1&input=%5B1%2C2%5D"],
    ["POST", "/api/trpc/item.create"],
    ["POST", "/api/trpc/org.create?batch=1"],
  ])("%s %s answers a tRPC error below 500", async (method, p) => {
    const res = await rawRequest({
      method,
      path: p,
      headers: method === "POST" ? { "content-type": "application/json" } : {},
      body: method === "POST" ? '{"json": {"orgSlug": "fuzz", "__proto__": {"x": 1}}, "meta": ' : undefined,
    });
    // 207: a batch whose calls answered differently (each is checked).
    const status = res.status === 207 ? 400 : res.status;
    expect(
      problemWith({ status, contentType: String(res.headers["content-type"]), body: res.body }),
    ).toBeNull();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
