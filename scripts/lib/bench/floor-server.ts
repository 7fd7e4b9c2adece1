/**
 * The floor: the thinnest server that answers the benchmarked reads and the
 * item update from the same org database — plain `node:http`, one `pg`
 * Pool, the SQL those procedures need at minimum, JSON out. No framework, no
 * ORM, no session, no access checks. What the app costs above this is
 * framework and per-request work, not data.
 *
 * Run as its own process (the load generator must not share its event loop):
 *   FLOOR_DATABASE_URL=postgresql://…/braidmgr_org_x FLOOR_PORT=4000 tsx scripts/lib/bench/floor-server.ts
 *
 * Keep the SQL in step with the app's services when they change (list order
 * and page size, the search index expression, the dashboard lists).
 */
import http from "node:http";
import pg from "pg";
import { computeBudgetMetrics } from "../../../src/domain/budget";
import {
  computeIndicator,
  indicatorsOfSeverity,
  isIndicator,
  severityOf,
  severityRank,
} from "../../../src/domain/indicators";
import { addDays } from "../../../src/domain/dates";
import { SEVERITIES, type IsoDate, type Severity } from "../../../src/domain/types";

// DATE columns as YYYY-MM-DD strings (what the API sends), not local-midnight Dates.
pg.types.setTypeParser(1082, (v) => v);

const pool = new pg.Pool({
  connectionString: process.env.FLOOR_DATABASE_URL,
  max: Number(process.env.FLOOR_POOL_SIZE ?? 10),
});
const todayIso = (): IsoDate => new Date().toISOString().slice(0, 10);

const ITEM_COLS = `i.id, i.project_id, i.item_num, i.type, i.title, i.description, i.workstream_id, w.name AS workstream,
  i.assigned_to, i.start_date, i.finish_date, i.duration, i.deadline, i.draft, i.client_visible, i.percent_complete,
  i.indicator, i.priority, i.rpt_out, i.budget_amount, i.probability, i.impact, i.mitigation, i.contingency, i.risk_owner,
  i.residual_probability, i.residual_impact, i.created_by_id, i.updated_by_id, i.version, i.created_at, i.updated_at, i.deleted_at`;
const BRIEF_COLS = `i.item_num, i.type, i.title, i.assigned_to, i.indicator, i.deadline, i.finish_date, i.percent_complete, w.name AS workstream`;
const CRITICAL = indicatorsOfSeverity("critical");
const DONE = ["Completed", "Completed Recently"];

/** item.list, first page: all live items (drafts included, as the app's default), by number, 200, plus the total. */
async function itemList(projectId: string) {
  const [rows, total] = await Promise.all([
    pool.query(
      `SELECT ${ITEM_COLS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = $1 AND i.deleted_at IS NULL ORDER BY i.item_num LIMIT 200`,
      [projectId],
    ),
    pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM items WHERE project_id = $1 AND deleted_at IS NULL`,
      [projectId],
    ),
  ]);
  const n = total.rows[0]!.n;
  return { items: rows.rows, total: n, nextCursor: rows.rowCount! < n ? rows.rowCount : null };
}

/** item.get: the item, its notes, what it depends on and what depends on it, in one statement. */
async function itemGet(projectId: string, itemNum: number) {
  const { rows } = await pool.query(
    `SELECT ${ITEM_COLS},
       (SELECT coalesce(json_agg(n ORDER BY n.note_date DESC, n.created_at DESC), '[]')
          FROM (SELECT id, note_date, content, author_id, author_name, created_at FROM item_notes
                 WHERE item_id = i.id AND deleted_at IS NULL) n) AS notes,
       (SELECT coalesce(json_agg(json_build_object('itemNum', d.item_num, 'title', d.title, 'indicator', d.indicator) ORDER BY d.item_num), '[]')
          FROM item_dependencies x JOIN items d ON d.id = x.depends_on_id AND d.deleted_at IS NULL WHERE x.item_id = i.id) AS depends_on,
       (SELECT coalesce(json_agg(json_build_object('itemNum', d.item_num, 'title', d.title, 'indicator', d.indicator) ORDER BY d.item_num), '[]')
          FROM item_dependencies x JOIN items d ON d.id = x.item_id AND d.deleted_at IS NULL WHERE x.depends_on_id = i.id) AS dependents
     FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
    WHERE i.project_id = $1 AND i.item_num = $2 AND i.deleted_at IS NULL`,
    [projectId, itemNum],
  );
  return rows[0] ?? null;
}

/** budget.metrics: the same four reads as the app, then the same pure computation. */
async function budgetMetrics(projectId: string, projectEnd?: string | null) {
  const [project, rateCard, allocations, timesheets, budgetItems] = await Promise.all([
    projectEnd === undefined
      ? pool.query<{ project_end: string | null }>(`SELECT project_end FROM projects WHERE id = $1`, [
          projectId,
        ])
      : Promise.resolve({ rows: [{ project_end: projectEnd }] }),
    pool.query(
      `SELECT resource_name, roll_off_date FROM rate_cards WHERE deleted_at IS NULL AND (project_id = $1 OR project_id IS NULL)`,
      [projectId],
    ),
    pool.query(
      `SELECT a.amount, w.name AS workstream FROM budget_allocations a LEFT JOIN workstreams w ON w.id = a.workstream_id
        WHERE a.project_id = $1 AND a.deleted_at IS NULL`,
      [projectId],
    ),
    pool.query(
      `SELECT resource, week_ending, hours, cost, complete_week FROM timesheet_entries WHERE project_id = $1 AND deleted_at IS NULL`,
      [projectId],
    ),
    pool.query(
      `SELECT i.budget_amount, w.name AS workstream FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = $1 AND i.deleted_at IS NULL AND i.type = 'Budget'`,
      [projectId],
    ),
  ]);
  if (projectEnd !== undefined && !allocations.rowCount && !timesheets.rowCount) return null;
  return computeBudgetMetrics({
    projectEnd: project.rows[0]?.project_end ?? null,
    rateCard: rateCard.rows.map((r) => ({ resourceName: r.resource_name, rollOffDate: r.roll_off_date })),
    allocations: allocations.rows.map((a) => ({ amount: a.amount, workstream: a.workstream })),
    timesheets: timesheets.rows.map((t) => ({
      resource: t.resource,
      weekEnding: t.week_ending,
      hours: t.hours,
      cost: t.cost,
      completeWeek: t.complete_week,
    })),
    budgetItems: budgetItems.rows.map((i) => ({ workstream: i.workstream, budgetAmount: i.budget_amount })),
  });
}

/** project.dashboard: counts (one grouped query instead of three), the two lists, the budget summary. */
async function dashboard(projectId: string) {
  const today = todayIso();
  const to = addDays(today, 7);
  const [project, grouped, overdue, due] = await Promise.all([
    pool.query(
      `SELECT name, client_name, project_start, project_end, indicators_updated FROM projects WHERE id = $1`,
      [projectId],
    ),
    pool.query<{ indicator: string | null; draft: boolean; n: number }>(
      `SELECT indicator, draft, count(*)::int AS n FROM items WHERE project_id = $1 AND deleted_at IS NULL GROUP BY indicator, draft`,
      [projectId],
    ),
    pool.query(
      `SELECT ${BRIEF_COLS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = $1 AND i.deleted_at IS NULL AND NOT i.draft AND i.indicator = ANY($2)
        ORDER BY i.deadline ASC NULLS LAST, i.finish_date ASC NULLS LAST, i.item_num LIMIT 50`,
      [projectId, CRITICAL],
    ),
    pool.query(
      `SELECT ${BRIEF_COLS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = $1 AND i.deleted_at IS NULL AND NOT i.draft
          AND (i.indicator IS NULL OR i.indicator <> ALL($2))
          AND (i.deadline BETWEEN $3 AND $4 OR (i.deadline IS NULL AND i.finish_date BETWEEN $3 AND $4))
        ORDER BY i.deadline ASC NULLS LAST, i.finish_date ASC, i.item_num LIMIT 50`,
      [projectId, DONE, today, to],
    ),
  ]);
  const p = project.rows[0];
  const budget = await budgetMetrics(projectId, p?.project_end ?? null);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let none = 0;
  let total = 0;
  let drafts = 0;
  let overdueCount = 0;
  for (const g of grouped.rows) {
    if (g.draft) {
      drafts += g.n;
      continue;
    }
    const s = severityOf(isIndicator(g.indicator) ? g.indicator : null);
    if (s) counts[s] += g.n;
    else none += g.n;
    if (s === "critical") overdueCount += g.n;
    total += g.n;
  }
  return {
    project: p,
    today,
    counts: { ...counts, none, total, open: total - counts.completed - counts.done, drafts },
    overdue: overdue.rows,
    overdueCount,
    dueThisWeek: due.rows,
    budget: budget && {
      status: budget.budgetStatus,
      budgetTotal: budget.budgetTotal,
      burnToDate: budget.burnToDate,
      burnPct: budget.burnPct,
      budgetRemaining: budget.budgetRemaining,
      estTotalBurn: budget.estTotalBurn,
      updatesThru: budget.updatesThru,
    },
  };
}

/** Same query language as the app's search: words → AND of prefixes. */
function toPrefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * search.query across the org: title/description and note matches through
 * the same stored `search_vector` columns and GIN indexes the app's search
 * uses, best match per item, ranked; snippets only for the page that is returned.
 */
async function search(q: string, limit: number) {
  const tsq = toPrefixQuery(q);
  if (!tsq) return { query: q, total: 0, items: [] };
  const opts = "StartSel=\u0002, StopSel=\u0003, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=1";
  const { rows } = await pool.query(
    `WITH q AS (SELECT to_tsquery('simple', $1) AS query),
     hits AS (
       SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator, i.description, NULL::text AS note,
              ts_rank(i.search_vector, q.query) + 1 AS rank
         FROM items i, q
        WHERE i.search_vector @@ q.query AND i.deleted_at IS NULL
       UNION ALL
       SELECT i.id, i.project_id, i.item_num, i.title, i.type, i.indicator, i.description, n.content,
              ts_rank(n.search_vector, q.query)
         FROM item_notes n JOIN items i ON i.id = n.item_id AND i.deleted_at IS NULL, q
        WHERE n.search_vector @@ q.query AND n.deleted_at IS NULL
     ),
     best AS (SELECT DISTINCT ON (id) * FROM hits ORDER BY id, rank DESC),
     top AS (SELECT * FROM best ORDER BY rank DESC, item_num LIMIT $2)
     SELECT top.project_id, p.name AS project_name, top.item_num, top.title, top.type, top.indicator,
            CASE WHEN top.note IS NULL THEN 'item' ELSE 'note' END AS matched_in,
            ts_headline('simple', coalesce(top.note, top.title || coalesce(' — ' || top.description, '')), q.query, '${opts}') AS snippet,
            top.rank, (SELECT count(*)::int FROM best) AS total
       FROM top JOIN projects p ON p.id = top.project_id AND p.deleted_at IS NULL, q
      ORDER BY top.rank DESC, top.item_num`,
    [tsq, limit],
  );
  return { query: q, total: rows[0]?.total ?? 0, items: rows };
}

/** item.update: lock, check the version, recompute the indicator, write, audit and notify in one transaction. */
async function update(input: {
  projectId: string;
  itemNum: number;
  version: number;
  percentComplete?: number;
  title?: string;
}) {
  const client = await pool.connect();
  let open = true;
  try {
    await client.query("BEGIN");
    const before = await client.query(
      `SELECT ${ITEM_COLS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = $1 AND i.item_num = $2 AND i.deleted_at IS NULL FOR UPDATE OF i`,
      [input.projectId, input.itemNum],
    );
    const b = before.rows[0];
    if (!b) return { status: 404, body: { error: "NOT_FOUND" } };
    if (b.version !== input.version) return { status: 409, body: { error: "CONFLICT", current: b } };
    const pct = input.percentComplete ?? b.percent_complete;
    const indicator = computeIndicator(
      {
        draft: b.draft,
        percentComplete: pct,
        start: b.start_date,
        finish: b.finish_date,
        deadline: b.deadline,
        duration: b.duration,
      },
      todayIso(),
    );
    const after = await client.query(
      `WITH u AS (
         UPDATE items SET percent_complete = $2, title = coalesce($3, title), indicator = $4, severity_rank = $5,
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING *)
       SELECT ${ITEM_COLS} FROM u i LEFT JOIN workstreams w ON w.id = i.workstream_id`,
      [b.id, pct, input.title ?? null, indicator, severityRank(indicator)],
    );
    const a = after.rows[0];
    await client.query(`SELECT pg_notify('braidmgr_changes', $1)`, [
      JSON.stringify({
        projectId: input.projectId,
        entityType: "item",
        entityId: b.id,
        action: "UPDATE",
        actorId: null,
      }),
    ]);
    await client.query(
      `INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, project_id, before, after, correlation_id)
       VALUES (NULL, 'floor', 'UPDATE', 'item', $1, $2, $3, $4, 'floor')`,
      [b.id, input.projectId, JSON.stringify(b), JSON.stringify(a)],
    );
    await client.query("COMMIT");
    open = false;
    return { status: 200, body: a };
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://floor");
  const p = url.searchParams;
  const route = async () => {
    switch (url.pathname) {
      case "/health":
        return send(res, 200, { status: "ok" });
      case "/item.list":
        return send(res, 200, await itemList(p.get("projectId")!));
      case "/item.get": {
        const item = await itemGet(p.get("projectId")!, Number(p.get("itemNum")));
        return send(res, item ? 200 : 404, item ?? { error: "NOT_FOUND" });
      }
      case "/project.dashboard":
        return send(res, 200, await dashboard(p.get("projectId")!));
      case "/budget.metrics":
        return send(res, 200, await budgetMetrics(p.get("projectId")!));
      case "/search.query":
        return send(res, 200, await search(p.get("q") ?? "", Number(p.get("limit") ?? 50)));
      case "/item.update": {
        if (req.method !== "POST") return send(res, 405, { error: "POST only" });
        const r = await update(JSON.parse(await readBody(req)));
        return send(res, r.status, r.body);
      }
      default:
        return send(res, 404, { error: "no such route" });
    }
  };
  route().catch((err: unknown) => {
    console.error("floor:", err);
    if (!res.headersSent) send(res, 500, { error: "INTERNAL" });
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.FLOOR_PORT), "127.0.0.1", () => console.log("floor listening"));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
