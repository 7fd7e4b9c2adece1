/**
 * Keeping stored indicators current. They go stale as days pass, so besides
 * the recalculation on every save there is an explicit "Update indicators"
 * action and a lazy daily refresh: the first request of a calendar day that
 * touches a project recalculates it. A conditional update on
 * `indicators_as_of` makes sure only one app instance does the work.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { dateToIso, isoToDate } from "@/domain/dates";
import { computeIndicator, isCritical, isIndicator, severityRank } from "@/domain/indicators";
import type { Indicator, IsoDate } from "@/domain/types";
import { lockProjectWork, withTransactionRetry } from "@/server/db/transactions";
import { writeAudit } from "./audit";

const iso = (d: Date | null) => (d ? dateToIso(d) : null);

/** An assigned item whose indicator turned critical (its assignee is notified after the commit). */
export type TurnedCritical = {
  itemNum: number;
  title: string;
  assignedToUserId: string;
  indicator: Indicator;
};

/** Recomputes every item's indicator as of `asOf`; returns how many changed and which turned critical. */
async function recompute(
  db: Pick<TenantDb, "item" | "$executeRaw">,
  projectId: string,
  asOf: IsoDate,
): Promise<{ items: number; changed: number; turnedCritical: TurnedCritical[] }> {
  const rows = await db.item.findMany({
    where: { projectId, deletedAt: null },
    select: {
      id: true,
      draft: true,
      percentComplete: true,
      startDate: true,
      finishDate: true,
      deadline: true,
      duration: true,
      indicator: true,
      version: true,
      itemNum: true,
      title: true,
      assignedToUserId: true,
    },
  });
  const turnedCritical: TurnedCritical[] = [];
  const ids: string[] = [];
  const versions: number[] = [];
  const values: (string | null)[] = [];
  const ranks: number[] = [];
  for (const r of rows) {
    const next = computeIndicator(
      {
        draft: r.draft,
        percentComplete: r.percentComplete,
        start: iso(r.startDate),
        finish: iso(r.finishDate),
        deadline: iso(r.deadline),
        duration: r.duration,
      },
      asOf,
    );
    if (next !== r.indicator) {
      ids.push(r.id);
      versions.push(r.version);
      values.push(next);
      ranks.push(severityRank(next));
      const was = isIndicator(r.indicator) ? r.indicator : null;
      if (next && r.assignedToUserId && isCritical(next) && !isCritical(was)) {
        turnedCritical.push({
          itemNum: r.itemNum,
          title: r.title,
          assignedToUserId: r.assignedToUserId,
          indicator: next,
        });
      }
    }
  }
  if (ids.length) {
    // One statement for any number of items. Indicators are derived, so the item version does not change;
    // an item saved since it was read (newer version) already has its indicator and is left alone.
    await db.$executeRaw`UPDATE items AS i SET indicator = u.indicator, severity_rank = u.rank
      FROM unnest(${ids}::uuid[], ${values}::text[], ${ranks}::smallint[], ${versions}::int[]) AS u(id, indicator, rank, version)
      WHERE i.id = u.id AND i.version = u.version`;
  }
  return { items: rows.length, changed: ids.length, turnedCritical };
}

/**
 * The explicit "Update indicators" action: recalculates and stamps the
 * project. An operator may ask for another date (`asOf`); the stamp still
 * says the work was done today, so the lazy daily refresh leaves it alone
 * until tomorrow.
 */
export async function recalculateIndicators(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  asOf: IsoDate,
  today: IsoDate,
) {
  const { turnedCritical, ...result } = await recompute(db, projectId, asOf);
  const stamped = await db.project.update({
    where: { id: projectId },
    data: { indicatorsUpdated: new Date(), indicatorsAsOf: isoToDate(today) },
    select: { indicatorsUpdated: true },
  });
  await db.$transaction((tx) =>
    writeAudit(tx, actor, {
      action: "RECALCULATE",
      entityType: "project",
      entityId: projectId,
      projectId,
      after: { asOf, ...result },
    }),
  );
  return { ...result, asOf, indicatorsUpdated: stamped.indicatorsUpdated, turnedCritical };
}

/**
 * Called on project access: when the stored indicators were computed for an
 * earlier day, the one instance that gets the project's indicator lock
 * recomputes them. Others wait for that lock, then find the stamp already set
 * and do nothing. The project row itself is locked only by the final stamp,
 * from that statement to the commit, so item creation (which increments the
 * project's counter) is not held up by a recompute.
 */
export async function ensureIndicatorsFresh(
  db: TenantDb,
  project: { id: string; indicatorsAsOf: Date | null },
  today: IsoDate,
): Promise<false | { turnedCritical: TurnedCritical[] }> {
  if (project.indicatorsAsOf && dateToIso(project.indicatorsAsOf) >= today) return false;
  // Recompute and stamp in one transaction: a failed recompute leaves the stamp unset, so the next
  // request (or the daily job) tries again instead of leaving the project stale until tomorrow.
  return withTransactionRetry(() =>
    db.$transaction(
      async (tx) => {
        await lockProjectWork(tx, "indicators", project.id);
        const stale = await tx.$queryRaw<
          { stale: boolean }[]
        >`SELECT (indicators_as_of IS NULL OR indicators_as_of < ${today}::date) AS stale
          FROM projects WHERE id = ${project.id}::uuid`;
        if (!stale[0]?.stale) return false;
        const { turnedCritical } = await recompute(tx, project.id, today);
        await tx.$executeRaw`UPDATE projects SET indicators_as_of = ${today}::date, indicators_updated = now()
          WHERE id = ${project.id}::uuid`;
        return { turnedCritical };
      },
      { timeout: 30_000 },
    ),
  );
}
