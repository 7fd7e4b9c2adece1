/**
 * Reading RAID items: the DTO every procedure returns, one item with its notes
 * and dependencies (item.get), a filtered, sorted page (item.list) and the
 * filter facets. The hot reads run plain SQL on the tenant pool
 * (src/server/db/read-sql.ts); writes live in ./items.ts.
 */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import { dateToIso } from "@/domain/dates";
import { itemFilterSql } from "@/domain/item-filter";
import { DomainError } from "@/domain/errors";
import { isIndicator, severityOf } from "@/domain/indicators";
import type { IsoDate, ItemType } from "@/domain/types";
import type { TListItems } from "@/contracts/item";
import { readRows } from "@/server/db/read-sql";

type Tx = TenantPrisma.TransactionClient;
const { sql, join } = TenantPrisma;
type Sql = TenantPrisma.Sql;

export const ITEM_SELECT = {
  id: true,
  projectId: true,
  itemNum: true,
  type: true,
  title: true,
  description: true,
  workstreamId: true,
  workstream: { select: { name: true } },
  assignedTo: true,
  assignedToUserId: true,
  startDate: true,
  finishDate: true,
  duration: true,
  deadline: true,
  draft: true,
  clientVisible: true,
  percentComplete: true,
  indicator: true,
  priority: true,
  rptOut: true,
  budgetAmount: true,
  probability: true,
  impact: true,
  mitigation: true,
  contingency: true,
  riskOwner: true,
  residualProbability: true,
  residualImpact: true,
  costImpact: true,
  scheduleImpactDays: true,
  createdById: true,
  updatedById: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
} as const satisfies TenantPrisma.ItemSelect;

type ItemRow = TenantPrisma.ItemGetPayload<{ select: typeof ITEM_SELECT }>;

const iso = (d: Date | null): IsoDate | null => (d ? dateToIso(d) : null);

/** A Prisma row (ITEM_SELECT) as the DTO: the same mapping as a raw row of ITEM_COLUMNS. */
export function toItemDto(r: ItemRow): ItemDto {
  const { workstream, startDate, finishDate, deadline, budgetAmount, costImpact, ...rest } = r;
  return dtoFromRaw({
    ...rest,
    workstream: workstream?.name ?? null,
    start: iso(startDate),
    finish: iso(finishDate),
    deadline: iso(deadline),
    budgetAmount: budgetAmount ? budgetAmount.toFixed(2) : null,
    costImpact: costImpact ? costImpact.toFixed(2) : null,
  });
}
export type ItemDto = ReturnType<typeof dtoFromRaw>;

/**
 * The item columns as SQL for the hot reads (item.list, item.get through
 * src/server/db/read-sql.ts): the same fields as ITEM_SELECT, with dates as
 * `YYYY-MM-DD` text and money as text already, so a row needs no parsing and
 * `dtoFromRaw` gives exactly what `toItemDto` gives for a Prisma row (a test
 * compares the two).
 */
const ITEM_COLUMNS = sql`i.id, i.project_id AS "projectId", i.item_num AS "itemNum", i.type, i.title, i.description,
  i.workstream_id AS "workstreamId", w.name AS "workstream", i.assigned_to AS "assignedTo",
  i.assigned_to_user_id AS "assignedToUserId",
  i.start_date::text AS "start", i.finish_date::text AS "finish",
  i.deadline::text AS "deadline", i.duration, i.draft,
  i.client_visible AS "clientVisible", i.percent_complete AS "percentComplete", i.indicator, i.priority,
  i.rpt_out::text[] AS "rptOut", i.budget_amount::text AS "budgetAmount", i.probability, i.impact,
  i.mitigation, i.contingency, i.risk_owner AS "riskOwner", i.residual_probability AS "residualProbability",
  i.residual_impact AS "residualImpact", i.cost_impact::text AS "costImpact",
  i.schedule_impact_days AS "scheduleImpactDays",
  i.created_by_id AS "createdById", i.updated_by_id AS "updatedById", i.version, i.created_at AS "createdAt",
  i.updated_at AS "updatedAt", i.deleted_at AS "deletedAt"`;

type RawItemRow = Omit<
  ItemRow,
  "workstream" | "startDate" | "finishDate" | "deadline" | "budgetAmount" | "costImpact"
> & {
  workstream: string | null;
  start: string | null;
  finish: string | null;
  deadline: string | null;
  budgetAmount: string | null;
  costImpact: string | null;
};

/** A row of ITEM_COLUMNS (or a Prisma row through toItemDto) as the DTO the API returns. */
function dtoFromRaw(r: RawItemRow) {
  const indicator = isIndicator(r.indicator) ? r.indicator : null;
  return {
    id: r.id,
    projectId: r.projectId,
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    description: r.description,
    workstream: r.workstream,
    workstreamId: r.workstreamId,
    assignedTo: r.assignedTo,
    assignedToUserId: r.assignedToUserId,
    start: r.start as IsoDate | null,
    finish: r.finish as IsoDate | null,
    deadline: r.deadline as IsoDate | null,
    duration: r.duration,
    draft: r.draft,
    clientVisible: r.clientVisible,
    percentComplete: r.percentComplete,
    indicator,
    severity: severityOf(indicator),
    priority: r.priority,
    rptOut: r.rptOut,
    budgetAmount: r.budgetAmount,
    probability: r.probability,
    impact: r.impact,
    riskScore: r.probability && r.impact ? r.probability * r.impact : null,
    mitigation: r.mitigation,
    contingency: r.contingency,
    riskOwner: r.riskOwner,
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    costImpact: r.costImpact,
    scheduleImpactDays: r.scheduleImpactDays,
    createdById: r.createdById,
    updatedById: r.updatedById,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deletedAt: r.deletedAt,
  };
}

/** The list's rows as one SQL condition over `items i` joined with `workstreams w`: project, deletion and the item filter. */
export function listWhere(projectId: string, f: Omit<TListItems, "sort" | "cursor" | "limit">): Sql {
  const { deleted, ...filter } = f;
  const cond = itemFilterSql(filter);
  return join(
    [
      sql`i.project_id = ${projectId}::uuid`,
      deleted ? sql`i.deleted_at IS NOT NULL` : sql`i.deleted_at IS NULL`,
      new TenantPrisma.Sql(cond.strings, cond.values as TenantPrisma.Sql["values"]),
    ],
    " AND ",
  );
}

function listOrder(sort: TListItems["sort"]): Sql {
  const dir = sort.dir === "desc" ? sql`DESC` : sql`ASC`;
  const nullsLast = (col: Sql) => sql`${col} ${dir} NULLS LAST`;
  const primary: Sql[] = {
    itemNum: [],
    type: [sql`i.type ${dir}`],
    workstream: [sql`w.name ${dir}`],
    title: [sql`i.title ${dir}`],
    assignedTo: [nullsLast(sql`i.assigned_to`)],
    severity: [sql`i.severity_rank ${dir}`, sql`i.deadline ASC NULLS LAST`],
    deadline: [nullsLast(sql`i.deadline`)],
    start: [nullsLast(sql`i.start_date`)],
    finish: [nullsLast(sql`i.finish_date`)],
    riskScore: [nullsLast(sql`(i.probability * i.impact)`)],
    riskOwner: [nullsLast(sql`i.risk_owner`)],
    percentComplete: [sql`i.percent_complete ${dir}`],
    updatedAt: [sql`i.updated_at ${dir}`],
  }[sort.by];
  // Item number breaks ties, so paging is stable.
  return join([...primary, sort.by === "itemNum" ? sql`i.item_num ${dir}` : sql`i.item_num ASC`], ", ");
}

/**
 * One page of a project's items. Plain SQL: Prisma's row mapping cost about
 * 0.1 ms per row of this width, several times the query itself.
 */
export async function listItems(db: TenantDb, projectId: string, f: TListItems) {
  const where = listWhere(projectId, f);
  const offset = f.cursor ?? 0;
  const [rows, counted] = await Promise.all([
    readRows<RawItemRow>(
      db,
      sql`SELECT ${ITEM_COLUMNS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${where} ORDER BY ${listOrder(f.sort)} LIMIT ${f.limit} OFFSET ${offset}`,
    ),
    readRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${where}`,
    ),
  ]);
  const total = counted[0]?.n ?? 0;
  const next = offset + rows.length;
  return { items: rows.map(dtoFromRaw), total, nextCursor: next < total ? next : null };
}

/** Values the filter controls offer: assignees, report codes and workstreams in use. */
export async function itemFacets(db: TenantDb, projectId: string) {
  const [assignees, codes, workstreams] = await Promise.all([
    db.item.findMany({
      where: { projectId, deletedAt: null, assignedTo: { not: null } },
      distinct: ["assignedTo"],
      select: { assignedTo: true },
      orderBy: { assignedTo: "asc" },
    }),
    db.$queryRaw<
      { code: string }[]
    >`SELECT DISTINCT unnest(rpt_out) AS code FROM items WHERE project_id = ${projectId}::uuid AND deleted_at IS NULL ORDER BY 1`,
    db.workstream.findMany({
      where: { projectId },
      select: { name: true },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    }),
  ]);
  return {
    assignees: assignees.map((a) => a.assignedTo!),
    rptOut: codes.map((c) => c.code),
    workstreams: workstreams.map((w) => w.name),
  };
}

export async function findItem(
  db: TenantDb | Tx,
  projectId: string,
  itemNum: number,
  opts: { includeDeleted?: boolean } = {},
) {
  const row = await db.item.findFirst({
    where: { projectId, itemNum, ...(opts.includeDeleted ? {} : { deletedAt: null }) },
    select: ITEM_SELECT,
  });
  return row ? toItemDto(row) : null;
}

type LinkedItem = { itemNum: number; title: string; indicator: string | null };
type RawNote = {
  id: string;
  date: string;
  content: string;
  authorId: string | null;
  author: string | null;
  createdAt: string;
};

/**
 * One item with its notes and dependencies; `mayEdit` tells the UI whether to offer editing.
 * One statement (the notes and both dependency lists as JSON sub-selects): the editor opens
 * on every click, so this is the read the app makes most.
 */
export async function getItem(
  db: TenantDb,
  projectId: string,
  itemNum: number,
  mayEdit: (item: ItemDto) => boolean = () => false,
) {
  const [row] = await readRows<
    RawItemRow & { notes: RawNote[]; dependsOn: LinkedItem[]; dependents: LinkedItem[] }
  >(
    db,
    sql`SELECT ${ITEM_COLUMNS},
      (SELECT coalesce(json_agg(json_build_object('id', n.id, 'date', n.note_date::text,
          'content', n.content, 'authorId', n.author_id, 'author', n.author_name, 'createdAt', n.created_at)
          ORDER BY n.note_date DESC, n.created_at DESC), '[]'::json)
        FROM item_notes n WHERE n.item_id = i.id AND n.deleted_at IS NULL) AS notes,
      (SELECT coalesce(json_agg(json_build_object('itemNum', d.item_num, 'title', d.title, 'indicator', d.indicator)
          ORDER BY d.item_num), '[]'::json)
        FROM item_dependencies x JOIN items d ON d.id = x.depends_on_id
        WHERE x.item_id = i.id AND d.deleted_at IS NULL) AS "dependsOn",
      (SELECT coalesce(json_agg(json_build_object('itemNum', d.item_num, 'title', d.title, 'indicator', d.indicator)
          ORDER BY d.item_num), '[]'::json)
        FROM item_dependencies x JOIN items d ON d.id = x.item_id
        WHERE x.depends_on_id = i.id AND d.deleted_at IS NULL) AS dependents
    FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
    WHERE i.project_id = ${projectId}::uuid AND i.item_num = ${itemNum} AND i.deleted_at IS NULL`,
  );
  if (!row) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
  const { notes, dependsOn, dependents, ...rest } = row;
  const item = dtoFromRaw(rest);
  return {
    ...item,
    canEdit: mayEdit(item),
    notes: notes.map((n) => ({ ...n, date: n.date as IsoDate, createdAt: new Date(n.createdAt) })),
    dependsOn,
    dependents,
  };
}
