/**
 * Fills an org database for the HTTP benchmark, fast: the schema comes from
 * the app's migrations and the org and projects from the tRPC caller, the
 * bulk rows go in with multi-row `INSERT … SELECT FROM unnest(…)` (one
 * parameter per column, thousands of rows per statement), with the secondary
 * indexes of the big tables dropped during the load and rebuilt afterwards
 * from their own definitions (so indexes added by later migrations are kept).
 */
import type pg from "pg";
import { addDays } from "../../../src/domain/dates";
import type { IsoDate } from "../../../src/domain/types";
import { generateProject, type GeneratedItem } from "./generate";
import { PEOPLE } from "./vocabulary";

type Column = { name: string; type: string; select?: (col: string) => string };

async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: Column[],
  rows: unknown[][],
  chunk = 5_000,
): Promise<void> {
  const alias = columns.map((_, i) => `c${i}`);
  const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c.name}"`).join(", ")})
    SELECT ${columns.map((c, i) => (c.select ? c.select(alias[i]!) : alias[i])).join(", ")}
    FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")}) AS u(${alias.join(", ")})`;
  for (let at = 0; at < rows.length; at += chunk) {
    const part = rows.slice(at, at + chunk);
    const params = columns.map((_, i) => part.map((r) => r[i] ?? null));
    await client.query(sql, params);
  }
}

const ITEM_COLUMNS: Column[] = [
  { name: "id", type: "uuid" },
  { name: "project_id", type: "uuid" },
  { name: "item_num", type: "int" },
  { name: "type", type: "text" },
  { name: "title", type: "text" },
  { name: "description", type: "text" },
  { name: "workstream_id", type: "uuid" },
  { name: "assigned_to", type: "text" },
  { name: "start_date", type: "date" },
  { name: "finish_date", type: "date" },
  { name: "duration", type: "int" },
  { name: "deadline", type: "date" },
  { name: "draft", type: "bool" },
  { name: "client_visible", type: "bool" },
  { name: "percent_complete", type: "int" },
  { name: "priority", type: "text" },
  { name: "rpt_out", type: "text", select: (c) => `string_to_array(${c}, ',')::varchar(20)[]` },
  { name: "budget_amount", type: "numeric" },
  { name: "probability", type: "int" },
  { name: "impact", type: "int" },
  { name: "mitigation", type: "text" },
  { name: "contingency", type: "text" },
  { name: "risk_owner", type: "text" },
  { name: "indicator", type: "text" },
  { name: "severity_rank", type: "smallint" },
  { name: "created_by_id", type: "uuid" },
  { name: "updated_by_id", type: "uuid" },
  { name: "created_at", type: "timestamptz" },
  { name: "updated_at", type: "timestamptz" },
];

const itemRow = (projectId: string, userId: string, i: GeneratedItem): unknown[] => [
  i.id,
  projectId,
  i.itemNum,
  i.type,
  i.title,
  i.description,
  i.workstreamId,
  i.assignedTo,
  i.start,
  i.finish,
  i.duration,
  i.deadline,
  i.draft,
  i.clientVisible,
  i.percentComplete,
  i.priority,
  i.rptOut.join(","),
  i.budgetAmount,
  i.probability,
  i.impact,
  i.mitigation,
  i.contingency,
  i.riskOwner,
  i.indicator,
  i.severityRank,
  userId,
  userId,
  i.createdAt.toISOString(),
  i.createdAt.toISOString(),
];

/** Secondary (non-constraint) indexes of the tables we load, with their definitions. */
async function secondaryIndexes(client: pg.ClientBase, tables: string[]) {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  return rows;
}

export type SeedProject = { id: string; workstreamIds: string[] };

export type SeedReport = {
  items: number;
  notes: number;
  dependencies: number;
  timesheets: number;
  ms: number;
};

/**
 * Items, notes and dependencies for every project (`counts[i]` items for
 * `projects[i]`), plus a budget (rate card, allocations, a year of weekly
 * timesheets) for the first project.
 */
export async function seedItems(
  client: pg.ClientBase,
  opts: {
    projects: SeedProject[];
    counts: number[];
    userId: string;
    today: IsoDate;
    log: (m: string) => void;
  },
): Promise<SeedReport> {
  const started = performance.now();
  const tables = ["items", "item_notes", "item_dependencies"];
  const indexes = await secondaryIndexes(client, tables);
  for (const ix of indexes) await client.query(`DROP INDEX "${ix.indexname}"`);
  let items = 0;
  let notes = 0;
  let dependencies = 0;
  for (const [p, project] of opts.projects.entries()) {
    const count = opts.counts[p] ?? 0;
    const g = generateProject(1000 + p, count, opts.today, project.workstreamIds);
    await bulkInsert(
      client,
      "items",
      ITEM_COLUMNS,
      g.items.map((i) => itemRow(project.id, opts.userId, i)),
    );
    await bulkInsert(
      client,
      "item_notes",
      [
        { name: "id", type: "uuid" },
        { name: "item_id", type: "uuid" },
        { name: "note_date", type: "date" },
        { name: "content", type: "text" },
        { name: "author_name", type: "text" },
        { name: "created_at", type: "timestamptz" },
      ],
      g.notes.map((n) => [n.id, n.itemId, n.noteDate, n.content, n.authorName, n.createdAt.toISOString()]),
    );
    await bulkInsert(
      client,
      "item_dependencies",
      [
        { name: "item_id", type: "uuid" },
        { name: "depends_on_id", type: "uuid" },
      ],
      g.dependencies.map((d) => [d.itemId, d.dependsOnId]),
    );
    await client.query("UPDATE projects SET next_item_num = $2 WHERE id = $1", [project.id, count + 1]);
    items += g.items.length;
    notes += g.notes.length;
    dependencies += g.dependencies.length;
    opts.log(
      `  project ${p + 1}/${opts.projects.length}: ${count} items, ${g.notes.length} notes, ${g.dependencies.length} dependencies`,
    );
  }
  opts.log(`  rows inserted in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  let t = performance.now();
  await client.query("SET maintenance_work_mem = '256MB'");
  for (const ix of indexes) await client.query(ix.indexdef);
  opts.log(`  ${indexes.length} indexes rebuilt in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const timesheets = await seedBudget(client, opts.projects[0]!, opts.today);
  t = performance.now();
  await client.query("VACUUM ANALYZE");
  opts.log(`  VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return { items, notes, dependencies, timesheets, ms: performance.now() - started };
}

/** A rate card of 16 people, allocations per workstream and 52 weeks of timesheets (the last week incomplete). */
async function seedBudget(client: pg.ClientBase, project: SeedProject, today: IsoDate): Promise<number> {
  const people = PEOPLE.slice(0, 16);
  const rate = (k: number) => 85 + ((k * 37) % 120);
  await bulkInsert(
    client,
    "rate_cards",
    [
      { name: "id", type: "uuid" },
      { name: "project_id", type: "uuid" },
      { name: "resource_name", type: "text" },
      { name: "role", type: "text" },
      { name: "hourly_rate", type: "numeric" },
      { name: "roll_off_date", type: "date" },
      { name: "updated_at", type: "timestamptz" },
    ],
    people.map((name, k) => [
      crypto.randomUUID(),
      project.id,
      name,
      k % 3 ? "Consultant" : "Lead",
      rate(k).toFixed(2),
      k % 5 === 0 ? addDays(today, 60 + k * 7) : null,
      new Date().toISOString(),
    ]),
  );
  await bulkInsert(
    client,
    "budget_allocations",
    [
      { name: "id", type: "uuid" },
      { name: "project_id", type: "uuid" },
      { name: "workstream_id", type: "uuid" },
      { name: "amount", type: "numeric" },
      { name: "allocation_date", type: "date" },
      { name: "updated_at", type: "timestamptz" },
    ],
    project.workstreamIds.map((ws, k) => [
      crypto.randomUUID(),
      project.id,
      ws,
      (250_000 + k * 40_000).toFixed(2),
      addDays(today, -380),
      new Date().toISOString(),
    ]),
  );
  // Week endings on Fridays, going back a year from the last Friday.
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  const lastFriday = addDays(today, -((dow + 2) % 7));
  const rows: unknown[][] = [];
  for (let w = 51; w >= 0; w--) {
    const weekEnding = addDays(lastFriday, -7 * w);
    for (const [k, name] of people.entries()) {
      if ((w + k) % 11 === 0) continue; // holidays
      const hours = 24 + ((w * 7 + k * 3) % 17);
      rows.push([
        crypto.randomUUID(),
        project.id,
        name,
        weekEnding,
        hours.toFixed(2),
        rate(k).toFixed(2),
        (hours * rate(k)).toFixed(2),
        w !== 0,
        new Date().toISOString(),
      ]);
    }
  }
  await bulkInsert(
    client,
    "timesheet_entries",
    [
      { name: "id", type: "uuid" },
      { name: "project_id", type: "uuid" },
      { name: "resource", type: "text" },
      { name: "week_ending", type: "date" },
      { name: "hours", type: "numeric" },
      { name: "rate", type: "numeric" },
      { name: "cost", type: "numeric" },
      { name: "complete_week", type: "bool" },
      { name: "updated_at", type: "timestamptz" },
    ],
    rows,
  );
  return rows.length;
}
