/**
 * RAID items: numbering from the project counter (never reused, safe under
 * concurrency: one autocommit increment, see takeItemNumber), indicators
 * recalculated on every save, optimistic concurrency on update, audit in the
 * same transaction as the change.
 */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { dateToIso, isoToDate } from "@/domain/dates";
import { parseSearch } from "@/domain/filters";
import { DomainError } from "@/domain/errors";
import {
  computeIndicator,
  indicatorsOfSeverity,
  isIndicator,
  severityOf,
  severityRank,
} from "@/domain/indicators";
import type { Indicator, IsoDate, ItemType } from "@/domain/types";
import type { TCreateItem, TListItems, TUpdateItem } from "@/server/api/routers/item.schema";
import { withTransactionRetry } from "@/server/db/transactions";
import { writeAudit } from "./audit";
import { applyChanges } from "@/domain/changes";

const ITEM_SELECT = {
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

export function toItemDto(r: ItemRow) {
  const indicator = isIndicator(r.indicator) ? r.indicator : null;
  return {
    id: r.id,
    projectId: r.projectId,
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    description: r.description,
    workstream: r.workstream?.name ?? null,
    workstreamId: r.workstreamId,
    assignedTo: r.assignedTo,
    assignedToUserId: r.assignedToUserId,
    start: iso(r.startDate),
    finish: iso(r.finishDate),
    deadline: iso(r.deadline),
    duration: r.duration,
    draft: r.draft,
    clientVisible: r.clientVisible,
    percentComplete: r.percentComplete,
    indicator,
    severity: severityOf(indicator),
    priority: r.priority,
    rptOut: r.rptOut,
    budgetAmount: r.budgetAmount ? r.budgetAmount.toFixed(2) : null,
    probability: r.probability,
    impact: r.impact,
    riskScore: r.probability && r.impact ? r.probability * r.impact : null,
    mitigation: r.mitigation,
    contingency: r.contingency,
    riskOwner: r.riskOwner,
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    costImpact: r.costImpact ? r.costImpact.toFixed(2) : null,
    scheduleImpactDays: r.scheduleImpactDays,
    createdById: r.createdById,
    updatedById: r.updatedById,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deletedAt: r.deletedAt,
  };
}
export type ItemDto = ReturnType<typeof toItemDto>;

type Tx = TenantPrisma.TransactionClient;

async function resolveWorkstream(
  tx: Tx | TenantDb,
  projectId: string,
  name: string | null | undefined,
): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (name === null || name === "") return null;
  const ws = await tx.workstream.findFirst({
    where: { projectId, name: { equals: name, mode: "insensitive" } },
    select: { id: true },
  });
  if (!ws)
    throw new DomainError("INVALID", "Unknown workstream", {
      fieldErrors: { workstream: [`No workstream named "${name}" in this project`] },
    });
  return ws.id;
}

type Fields = Partial<Omit<TCreateItem, "workstream">>;

/** API field names → column values; only keys present in `f` are written. */
function columns(f: Fields): TenantPrisma.ItemUncheckedUpdateInput {
  const c: TenantPrisma.ItemUncheckedUpdateInput = {};
  const date = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null ? null : isoToDate(v);
  if (f.type !== undefined) c.type = f.type;
  if (f.title !== undefined) c.title = f.title;
  if (f.description !== undefined) c.description = f.description;
  if (f.assignedTo !== undefined) c.assignedTo = f.assignedTo || null;
  // A new assignee text without a member link unlinks the old one (edit rights follow the link).
  if (f.assignedToUserId !== undefined) c.assignedToUserId = f.assignedToUserId;
  else if (f.assignedTo !== undefined) c.assignedToUserId = null;
  if (f.start !== undefined) c.startDate = date(f.start);
  if (f.finish !== undefined) c.finishDate = date(f.finish);
  if (f.deadline !== undefined) c.deadline = date(f.deadline);
  if (f.duration !== undefined) c.duration = f.duration;
  if (f.draft !== undefined) c.draft = f.draft;
  if (f.clientVisible !== undefined) c.clientVisible = f.clientVisible;
  if (f.percentComplete !== undefined) c.percentComplete = f.percentComplete;
  if (f.priority !== undefined) c.priority = f.priority || null;
  if (f.rptOut !== undefined) c.rptOut = [...new Set(f.rptOut.map((s) => s.toUpperCase()))];
  if (f.budgetAmount !== undefined) c.budgetAmount = f.budgetAmount;
  if (f.probability !== undefined) c.probability = f.probability;
  if (f.impact !== undefined) c.impact = f.impact;
  if (f.mitigation !== undefined) c.mitigation = f.mitigation;
  if (f.contingency !== undefined) c.contingency = f.contingency;
  if (f.riskOwner !== undefined) c.riskOwner = f.riskOwner || null;
  if (f.residualProbability !== undefined) c.residualProbability = f.residualProbability;
  if (f.residualImpact !== undefined) c.residualImpact = f.residualImpact;
  if (f.costImpact !== undefined) c.costImpact = f.costImpact;
  if (f.scheduleImpactDays !== undefined) c.scheduleImpactDays = f.scheduleImpactDays;
  return c;
}

/** The stored indicator and its sort key, always written together. */
export function indicatorColumns(indicator: Indicator | null) {
  return { indicator, severityRank: severityRank(indicator) };
}

/**
 * Takes the next item number: one autocommit statement, so the project row is
 * locked only for that statement, never across a transaction. A number taken
 * by a create that then fails is skipped (a gap), never handed out again.
 */
async function takeItemNumber(db: TenantDb, projectId: string): Promise<number> {
  const rows = await db.$queryRaw<{ num: number }[]>`UPDATE projects
    SET next_item_num = next_item_num + 1, updated_at = now()
    WHERE id = ${projectId}::uuid AND deleted_at IS NULL
    RETURNING next_item_num - 1 AS num`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", "Project not found");
  return Number(rows[0].num);
}

export async function createItem(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TCreateItem,
  today: IsoDate,
): Promise<ItemDto> {
  // Everything that can refuse the create runs before a number is taken, so refusals leave no gap.
  const workstreamId = await resolveWorkstream(db, projectId, input.workstream);
  const { workstream: _ws, ...fields } = input;
  const data = columns(fields);
  const indicator = computeIndicator(
    {
      draft: input.draft ?? false,
      percentComplete: input.percentComplete ?? 0,
      start: input.start ?? null,
      finish: input.finish ?? null,
      deadline: input.deadline ?? null,
      duration: input.duration ?? null,
    },
    today,
  );
  const itemNum = await takeItemNumber(db, projectId);
  // The number is ours: a retried transaction uses it again (no other item can have it).
  return withTransactionRetry(() =>
    db.$transaction(async (tx) => {
      const row = await tx.item.create({
        data: {
          ...(data as TenantPrisma.ItemUncheckedCreateInput),
          type: input.type,
          title: input.title,
          projectId,
          itemNum,
          workstreamId: workstreamId ?? null,
          ...indicatorColumns(indicator),
          createdById: actor.userId,
          updatedById: actor.userId,
        },
        select: ITEM_SELECT,
      });
      const dto = toItemDto(row);
      await writeAudit(tx, actor, {
        action: "CREATE",
        entityType: "item",
        entityId: row.id,
        projectId,
        after: dto,
      });
      return dto;
    }),
  );
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

/** One item with its notes and dependencies; `mayEdit` tells the UI whether to offer editing. */
export async function getItem(
  db: TenantDb,
  projectId: string,
  itemNum: number,
  mayEdit: (item: ItemDto) => boolean = () => false,
) {
  const item = await findItem(db, projectId, itemNum);
  if (!item) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
  const [notes, deps, dependents] = await Promise.all([
    db.itemNote.findMany({
      where: { itemId: item.id, deletedAt: null },
      select: { id: true, noteDate: true, content: true, authorId: true, authorName: true, createdAt: true },
      orderBy: [{ noteDate: "desc" }, { createdAt: "desc" }],
    }),
    db.itemDependency.findMany({
      where: { itemId: item.id, dependsOn: { deletedAt: null } },
      select: { dependsOn: { select: { itemNum: true, title: true, indicator: true } } },
    }),
    db.itemDependency.findMany({
      where: { dependsOnId: item.id, item: { deletedAt: null } },
      select: { item: { select: { itemNum: true, title: true, indicator: true } } },
    }),
  ]);
  return {
    ...item,
    canEdit: mayEdit(item),
    notes: notes.map((n) => ({
      id: n.id,
      date: dateToIso(n.noteDate),
      content: n.content,
      authorId: n.authorId,
      author: n.authorName,
      createdAt: n.createdAt,
    })),
    dependsOn: deps.map((d) => d.dependsOn).sort((a, b) => a.itemNum - b.itemNum),
    dependents: dependents.map((d) => d.item).sort((a, b) => a.itemNum - b.itemNum),
  };
}

const { sql, join } = TenantPrisma;
type Sql = TenantPrisma.Sql;

/** ITEM_SELECT as SQL, aliased to the same names, so raw rows map through toItemDto too. */
const ITEM_COLUMNS = sql`i.id, i.project_id AS "projectId", i.item_num AS "itemNum", i.type, i.title, i.description,
  i.workstream_id AS "workstreamId", w.name AS "workstreamName", i.assigned_to AS "assignedTo",
  i.assigned_to_user_id AS "assignedToUserId",
  i.start_date AS "startDate", i.finish_date AS "finishDate", i.duration, i.deadline, i.draft,
  i.client_visible AS "clientVisible", i.percent_complete AS "percentComplete", i.indicator, i.priority,
  i.rpt_out AS "rptOut", i.budget_amount AS "budgetAmount", i.probability, i.impact, i.mitigation, i.contingency,
  i.risk_owner AS "riskOwner", i.residual_probability AS "residualProbability", i.residual_impact AS "residualImpact",
  i.cost_impact AS "costImpact", i.schedule_impact_days AS "scheduleImpactDays",
  i.created_by_id AS "createdById", i.updated_by_id AS "updatedById", i.version, i.created_at AS "createdAt",
  i.updated_at AS "updatedAt", i.deleted_at AS "deletedAt"`;

type RawItemRow = Omit<ItemRow, "workstream"> & { workstreamName: string | null };

const fromRaw = ({ workstreamName, ...r }: RawItemRow): ItemRow => ({
  ...r,
  workstream: workstreamName === null ? null : { name: workstreamName },
});

/** The list filters as one SQL condition over `items i` joined with `workstreams w`. */
export function listWhere(projectId: string, f: Omit<TListItems, "sort" | "cursor" | "limit">): Sql {
  const and: Sql[] = [
    sql`i.project_id = ${projectId}::uuid`,
    f.deleted ? sql`i.deleted_at IS NOT NULL` : sql`i.deleted_at IS NULL`,
  ];
  /** `col = ANY(list)`, OR `col IS NULL` when the list holds null; nothing when the list is empty. */
  const inOrNull = (col: Sql, list: readonly (string | null)[], cast: Sql = sql`text[]`) => {
    const named = list.filter((v): v is string => v !== null);
    const parts = [
      ...(named.length ? [sql`${col} = ANY(${named}::${cast})`] : []),
      ...(list.includes(null) ? [sql`${col} IS NULL`] : []),
    ];
    return parts.length ? sql`(${join(parts, " OR ")})` : null;
  };
  const push = (c: Sql | null) => void (c && and.push(c));
  if (!f.includeDrafts) and.push(sql`NOT i.draft`);
  if (f.types?.length) push(inOrNull(sql`i.type`, f.types));
  // Workstream names match exactly (they are picked from the facets); null = no workstream.
  if (f.workstreams?.length) push(inOrNull(sql`w.name`, f.workstreams));
  if (f.assignees?.length)
    push(
      inOrNull(
        sql`lower(i.assigned_to)`,
        f.assignees.map((a) => (a === null ? null : a.toLowerCase())),
      ),
    );
  if (f.indicators?.length) push(inOrNull(sql`i.indicator`, f.indicators));
  if (f.severities?.length)
    push(
      inOrNull(
        sql`i.indicator`,
        f.severities.flatMap((v) => indicatorsOfSeverity(v)),
      ) ?? sql`false`,
    );
  if (f.openOnly)
    and.push(sql`(i.indicator IS NULL OR i.indicator NOT IN ('Completed', 'Completed Recently'))`);
  if (f.criticalOnly) and.push(sql`i.indicator = ANY(${indicatorsOfSeverity("critical")}::text[])`);
  if (f.rptOut?.length)
    and.push(sql`i.rpt_out && ${[...new Set(f.rptOut.flatMap((c) => [c, c.toUpperCase()]))]}::varchar[]`);
  if (f.search) {
    // Word starts, matched against the stored full-text document (the rule global search uses).
    // ts_match_vq is the @@ operator spelled as a function, so the planner does not reach for the
    // org-wide GIN index: for a common word that index yields every match in every project, while
    // checking this project's rows (found through the project index) is bounded by the project's size.
    const { words, itemNums } = parseSearch(f.search);
    for (const n of itemNums) and.push(sql`i.item_num = ${n}`);
    if (words.length)
      and.push(
        sql`ts_match_vq(i.search_vector, to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")}))`,
      );
  }
  return join(and, " AND ");
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
    db.$queryRaw<
      RawItemRow[]
    >`SELECT ${ITEM_COLUMNS} FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${where} ORDER BY ${listOrder(f.sort)} LIMIT ${f.limit} OFFSET ${offset}`,
    db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
      WHERE ${where}`,
  ]);
  const total = counted[0]?.n ?? 0;
  const next = offset + rows.length;
  return { items: rows.map((r) => toItemDto(fromRaw(r))), total, nextCursor: next < total ? next : null };
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

export async function updateItem(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TUpdateItem,
  today: IsoDate,
  mayEdit: (item: ItemDto) => boolean,
): Promise<ItemDto> {
  const { itemNum, version, workstream, ...changes } = input;
  return withTransactionRetry(() =>
    db.$transaction(async (tx) => {
      const before = await findItem(tx, projectId, itemNum);
      if (!before) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
      if (!mayEdit(before))
        throw new DomainError("FORBIDDEN", "You may only edit items assigned to you or created by you");
      if (before.version !== version) {
        throw new DomainError(
          "CONFLICT",
          `Item #${itemNum} was changed by someone else; review their changes and try again`,
          { details: { current: before } },
        );
      }
      const workstreamId = await resolveWorkstream(tx, projectId, workstream);
      const merged = applyChanges(before, changes);
      if (merged.start && merged.finish && merged.start > merged.finish) {
        throw new DomainError("INVALID", "Finish must not be before start", {
          fieldErrors: { finish: ["Finish must not be before start"] },
        });
      }
      const data = columns(changes);
      if (workstreamId !== undefined) data.workstreamId = workstreamId;
      Object.assign(data, indicatorColumns(computeIndicator(merged, today)));
      data.updatedById = actor.userId;
      data.version = { increment: 1 };
      // The version in the WHERE makes the check and the write one atomic step.
      const { count } = await tx.item.updateMany({ where: { id: before.id, version }, data });
      if (count !== 1) {
        const current = await findItem(tx, projectId, itemNum);
        throw new DomainError(
          "CONFLICT",
          `Item #${itemNum} was changed by someone else; review their changes and try again`,
          { details: { current } },
        );
      }
      const after = (await findItem(tx, projectId, itemNum))!;
      await writeAudit(tx, actor, {
        action: "UPDATE",
        entityType: "item",
        entityId: before.id,
        projectId,
        before,
        after,
      });
      return after;
    }),
  );
}

export async function setItemDeleted(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  itemNum: number,
  deleted: boolean,
): Promise<ItemDto> {
  return withTransactionRetry(() =>
    db.$transaction(async (tx) => {
      const before = await findItem(tx, projectId, itemNum, { includeDeleted: true });
      if (!before) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
      if (deleted === (before.deletedAt !== null)) return before; // already in that state
      const row = await tx.item.update({
        where: { id: before.id },
        data: {
          deletedAt: deleted ? new Date() : null,
          version: { increment: 1 },
          updatedById: actor.userId,
        },
        select: ITEM_SELECT,
      });
      const after = toItemDto(row);
      await writeAudit(tx, actor, {
        action: deleted ? "DELETE" : "RESTORE",
        entityType: "item",
        entityId: before.id,
        projectId,
        before,
        after,
      });
      return after;
    }),
  );
}
