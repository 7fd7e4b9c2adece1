/**
 * RAID items: numbering from the project counter (never reused, safe under
 * concurrency: one autocommit increment, see takeItemNumber), indicators
 * recalculated on every save, optimistic concurrency on update, audit in the
 * same transaction as the change.
 */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { isoToDate } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import { computeIndicator, severityRank } from "@/domain/indicators";
import type { Indicator, IsoDate } from "@/domain/types";
import type { TCreateItem, TUpdateItem } from "@/contracts/item";
import { withTransactionRetry } from "@/server/db/transactions";
import { auditOf } from "./audit";
import { enqueueWebhookEvent } from "./webhook-delivery";
import { wakeWebhookSender } from "@/server/jobs/wake";
import { findItem, ITEM_SELECT, toItemDto, type ItemDto } from "./item-reads";
import { applyChanges } from "@/domain/changes";

type Tx = TenantPrisma.TransactionClient;

const auditItem = auditOf("item");

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
  // Sent before (a retry after a lost reply): the item that create made, not a second one.
  const { workstream: _ws, requestId, ...fields } = input;
  const earlier = await createdBy(db, projectId, requestId);
  if (earlier) return earlier;
  // Everything that can refuse the create runs before a number is taken, so refusals leave no gap.
  const workstreamId = await resolveWorkstream(db, projectId, input.workstream);
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
  const create = () =>
    withTransactionRetry(() =>
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
            createRequestId: requestId ?? null,
          },
          select: ITEM_SELECT,
        });
        const dto = toItemDto(row);
        await auditItem(tx, actor, "CREATE", { projectId, id: row.id }, { after: dto });
        const queued = await enqueueWebhookEvent(tx, actor, projectId, "item.created", { item: dto });
        return { dto, queued };
      }),
    );
  let result: Awaited<ReturnType<typeof create>>;
  try {
    result = await create();
  } catch (err) {
    // The same create sent twice at once: the other one made the item (this number stays a gap).
    const sameRequest = requestId && (err as { code?: string }).code === "P2002";
    const winner = sameRequest ? await createdBy(db, projectId, requestId) : null;
    if (winner) return winner;
    throw err;
  }
  if (result.queued) wakeWebhookSender();
  return result.dto;
}

/** The item an earlier create with this request id made in the project, if any. */
async function createdBy(db: TenantDb, projectId: string, requestId: string | undefined) {
  if (!requestId) return null;
  const row = await db.item.findUnique({
    where: { projectId_createRequestId: { projectId, createRequestId: requestId } },
    select: ITEM_SELECT,
  });
  return row ? toItemDto(row) : null;
}

export async function updateItem(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: TUpdateItem,
  today: IsoDate,
  mayEdit: (item: ItemDto) => boolean,
  afterCommit?: (before: ItemDto, after: ItemDto) => Promise<void>,
): Promise<ItemDto> {
  const { itemNum, version, workstream, ...changes } = input;
  const { before, after, queued } = await withTransactionRetry(() =>
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
      await auditItem(tx, actor, "UPDATE", { projectId, id: before.id }, { before, after });
      const queued = await enqueueWebhookEvent(tx, actor, projectId, "item.updated", { item: after });
      return { before, after, queued };
    }),
  );
  if (queued) wakeWebhookSender();
  // After the commit: what the change means to others (notifications), outside the transaction.
  if (afterCommit) await afterCommit(before, after);
  return after;
}

export async function setItemDeleted(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  itemNum: number,
  deleted: boolean,
): Promise<ItemDto> {
  const { after, queued } = await withTransactionRetry(() =>
    db.$transaction(async (tx) => {
      const before = await findItem(tx, projectId, itemNum, { includeDeleted: true });
      if (!before) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
      if (deleted === (before.deletedAt !== null)) return { after: before, queued: 0 }; // already in that state
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
      const action = deleted ? "DELETE" : "RESTORE";
      await auditItem(tx, actor, action, { projectId, id: before.id }, { before, after });
      // A restore is not an event webhooks know (yet).
      const queued = deleted
        ? await enqueueWebhookEvent(tx, actor, projectId, "item.deleted", { item: after })
        : 0;
      return { after, queued };
    }),
  );
  if (queued) wakeWebhookSender();
  return after;
}
