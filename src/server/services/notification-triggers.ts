/**
 * What each committed change notifies (SPEC §14): an item assigned to a
 * member (created with an assignee, or re-assigned), an item someone is
 * assigned to turning critical, and `@Name` mentions in a note. Each runs
 * after its write has committed and never fails the call (notifySafely).
 */
import { isCritical } from "@/domain/indicators";
import { mentionedMembers } from "@/domain/mentions";
import type { Indicator } from "@/domain/types";
import { logger } from "@/server/logger";
import type { TenantDb } from "@/server/db/tenant";
import type { CentralDb } from "@/server/db/central";
import { assignableMembers } from "./assignees";
import { ensureIndicatorsFresh } from "./indicators";
import { notifySafely, type NotificationDraft, type NotificationSource } from "./notifications";

type ItemState = {
  itemNum: number;
  title: string;
  assignedToUserId: string | null;
  indicator: Indicator | null;
};

const label = (item: { itemNum: number; title: string }) => `#${item.itemNum} ${item.title}`;

/** The notifications one item write causes (pure). `before` is null for a create. */
export function itemChangeDrafts(
  before: ItemState | null,
  after: ItemState,
  actorName: string | null,
): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  const assignee = after.assignedToUserId;
  if (!assignee) return drafts;
  const by = actorName ? ` by ${actorName}` : "";
  if (before?.assignedToUserId !== assignee) {
    drafts.push({
      userId: assignee,
      kind: "assigned",
      itemNum: after.itemNum,
      title: `Assigned to you${by}: ${label(after)}`,
    });
  } else if (!isCritical(before.indicator) && isCritical(after.indicator)) {
    drafts.push({
      userId: assignee,
      kind: "critical",
      itemNum: after.itemNum,
      title: `Now critical (${after.indicator}): ${label(after)}`,
    });
  }
  return drafts;
}

export function notifyItemChange(
  src: NotificationSource,
  before: ItemState | null,
  after: ItemState,
  actorName: string | null,
): Promise<void> {
  return notifySafely(src, itemChangeDrafts(before, after, actorName));
}

/** Items that turned critical in a recalculation (days passing), to their assignees. */
export function notifyTurnedCritical(
  src: NotificationSource,
  items: readonly (ItemState & { assignedToUserId: string })[],
): Promise<void> {
  return notifySafely(
    src,
    items.map((i) => ({
      userId: i.assignedToUserId,
      kind: "critical" as const,
      itemNum: i.itemNum,
      title: `Now critical (${i.indicator}): ${label(i)}`,
    })),
  );
}

/**
 * The lazy first-request-of-the-day refresh (src/server/api/trpc.ts): brings
 * the project's indicators up to `day`, then tells the assignees of items that
 * turned critical — after the commit, without holding up the call.
 */
export async function refreshIndicatorsAndNotify(
  ctx: { centralDb: CentralDb; db: TenantDb; org: { id: string; slug: string } },
  project: { id: string; name: string; indicatorsAsOf: Date | null },
  day: string,
): Promise<void> {
  const fresh = await ensureIndicatorsFresh(ctx.db, project, day);
  if (fresh && fresh.turnedCritical.length) {
    const src = { central: ctx.centralDb, db: ctx.db, org: ctx.org, project, actorUserId: null };
    void notifyTurnedCritical(src, fresh.turnedCritical); // never rejects (notifySafely logs)
  }
}

/** `@Name` in a note: the members it names (the author is skipped by notifySafely). */
export async function notifyMentions(
  src: NotificationSource,
  item: { itemNum: number; title: string },
  content: string,
  authorName: string | null,
): Promise<void> {
  if (!content.includes("@")) return;
  try {
    const members = await assignableMembers(src.central, src.org.id);
    const ids = mentionedMembers(content, members);
    const by = authorName ? `${authorName} mentioned you` : "You were mentioned";
    await notifySafely(
      src,
      ids.map((userId) => ({
        userId,
        kind: "mentioned" as const,
        itemNum: item.itemNum,
        title: `${by} on ${label(item)}`,
      })),
    );
  } catch (err) {
    // The note is saved; a mention is not worth failing the call over.
    logger.error({ err, org: src.org.slug, projectId: src.project.id }, "notifications: mentions failed");
  }
}
