/**
 * Per-request costs of the pieces a tRPC call goes through, timed in this
 * process against the benchmark's database (1 call at a time): the session
 * decode, the procedure chain through the tRPC caller, the service alone
 * (Prisma), the same SQL through raw pg, and the superjson encoding.
 * Wall time includes the database round trips; CPU is this process's only.
 */
import pg from "pg";
import superjson from "superjson";
import { markdownTable } from "./report";

type Timing = { name: string; wallMs: number; cpuMs: number; note?: string };

async function timeIt(
  name: string,
  fn: () => Promise<unknown> | unknown,
  n: number,
  note?: string,
): Promise<Timing> {
  for (let i = 0; i < Math.min(20, n); i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, wallMs: wall / n, cpuMs: (cpu.user + cpu.system) / 1000 / n, note };
}

export async function breakdown(opts: {
  cookie: string;
  tenantUrl: string;
  projectId: string;
  orgSlug: string;
  iterations?: number;
}) {
  const n = opts.iterations ?? 200;
  const { decode } = await import("next-auth/jwt");
  const { sessionFromRequest } = await import("../../../src/server/auth/server-session");
  const { createCaller } = await import("../../../src/server/api/root");
  const { createInnerContext } = await import("../../../src/server/api/trpc");
  const { getCentralDb } = await import("../../../src/server/db/central");
  const { getTenantDb } = await import("../../../src/server/db/tenant");
  const { listItems, getItem } = await import("../../../src/server/services/item-reads");
  const { ZListItems } = await import("../../../src/contracts/item");

  const cookies = Object.fromEntries(
    opts.cookie.split("; ").map((c) => {
      const eq = c.indexOf("=");
      return [c.slice(0, eq), c.slice(eq + 1)];
    }),
  );
  const token = Object.entries(cookies).find(([k]) => /session-token/.test(k))![1];
  const secret = process.env.NEXTAUTH_SECRET!;
  // The session the app would build from this token (next-auth's own getServerSession needs the
  // Next.js module interop, so it is timed only where it loads).
  const jwt = (await decode({ token, secret })) as {
    uid?: string;
    sv?: number;
    org?: string | null;
    name?: string;
    email?: string;
  } | null;
  if (!jwt?.uid) throw new Error("breakdown: the session cookie does not decode");
  const session = {
    user: { id: jwt.uid, email: jwt.email ?? "", name: jwt.name ?? "" },
    orgSlug: jwt.org ?? null,
    sessionVersion: jwt.sv ?? 0,
    expires: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const api = createCaller(createInnerContext({ session }));
  const org = await getCentralDb().organization.findUniqueOrThrow({
    where: { slug: opts.orgSlug },
    select: { id: true, name: true, slug: true, databaseName: true, clusterKey: true, settings: true },
  });
  const db = getTenantDb(org);
  const raw = new pg.Pool({ connectionString: opts.tenantUrl, max: 2 });
  const base = { orgSlug: opts.orgSlug, projectId: opts.projectId };
  const listInput = ZListItems.parse({});
  const listOut = await api.item.list(base);
  const getOut = await api.item.get({ ...base, itemNum: 4242 });

  const rows: Timing[] = [
    await timeIt("next-auth decode() of the session JWT (JWE)", () => decode({ token, secret }), n),
    ...(await sessionFromRequest({ headers: { cookie: opts.cookie }, cookies }).then(
      async () => [
        await timeIt(
          "getServerSession (decode + callbacks), as /api/trpc does",
          () => sessionFromRequest({ headers: { cookie: opts.cookie }, cookies }),
          n,
        ),
      ],
      () => [] as Timing[],
    )),
    await timeIt("item.list: tRPC caller (middleware chain + service)", () => api.item.list(base), n / 4),
    await timeIt(
      "item.list: service alone (Prisma: findMany 200 + count)",
      () => listItems(db, opts.projectId, listInput),
      n / 4,
    ),
    await timeIt(
      "item.list: same two queries through raw pg",
      () =>
        Promise.all([
          raw.query(
            `SELECT i.*, w.name AS workstream FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
              WHERE i.project_id = $1 AND i.deleted_at IS NULL ORDER BY i.item_num LIMIT 200`,
            [opts.projectId],
          ),
          raw.query(`SELECT count(*) FROM items WHERE project_id = $1 AND deleted_at IS NULL`, [
            opts.projectId,
          ]),
        ]),
      n / 4,
    ),
    await timeIt(
      "item.list: superjson.serialize of the answer",
      () => JSON.stringify(superjson.serialize(listOut)),
      n,
    ),
    await timeIt("item.list: JSON.stringify of the same answer", () => JSON.stringify(listOut), n),
    await timeIt(
      "item.get: tRPC caller (middleware chain + service)",
      () => api.item.get({ ...base, itemNum: 4242 }),
      n,
    ),
    await timeIt(
      "item.get: service alone (Prisma: 1 + 3 queries)",
      () => getItem(db, opts.projectId, 4242),
      n,
    ),
    await timeIt(
      "item.get: the floor's single statement through raw pg",
      () =>
        raw.query(
          `SELECT i.*, (SELECT coalesce(json_agg(n), '[]') FROM item_notes n WHERE n.item_id = i.id AND n.deleted_at IS NULL) AS notes,
             (SELECT coalesce(json_agg(x), '[]') FROM item_dependencies x WHERE x.item_id = i.id OR x.depends_on_id = i.id) AS deps
           FROM items i WHERE i.project_id = $1 AND i.item_num = $2`,
          [opts.projectId, 4242],
        ),
      n,
    ),
    await timeIt(
      "item.get: superjson.serialize of the answer",
      () => JSON.stringify(superjson.serialize(getOut)),
      n,
    ),
    await timeIt(
      "chain only: user + org + membership + project + role lookups (Prisma)",
      async () => {
        const central = getCentralDb();
        await central.user.findUnique({
          where: { id: session.user.id },
          select: { id: true, sessionVersion: true, deactivatedAt: true, deletedAt: true },
        });
        await central.organization.findFirst({
          where: { slug: opts.orgSlug, deletedAt: null, status: "active" },
          select: { id: true },
        });
        await central.orgMembership.findUnique({
          where: { userId_orgId: { userId: session.user.id, orgId: org.id } },
          select: { role: true },
        });
        await db.project.findFirst({
          where: { id: opts.projectId, deletedAt: null },
          select: { id: true, indicatorsAsOf: true },
        });
        await db.projectRole.findUnique({
          where: { projectId_userId: { projectId: opts.projectId, userId: session.user.id } },
          select: { role: true },
        });
      },
      n,
      "the five sequential lookups every project procedure makes before its own work",
    ),
  ];
  await raw.end();
  return markdownTable(
    ["step (in process, 1 call at a time)", "wall ms/call", "CPU ms/call"],
    rows.map((r) => [r.name, r.wallMs.toFixed(2), r.cpuMs.toFixed(2)]),
  );
}
