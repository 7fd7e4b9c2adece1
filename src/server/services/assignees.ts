/**
 * Assignees as org members (central database) for the item writes and the
 * import: the members an item may be linked to, and the stored assignee for
 * an input (see src/domain/assignees.ts for the rules).
 */
import {
  assigneeMatcher,
  resolveAssignee,
  type AssignableMember,
  type AssigneeInput,
} from "@/domain/assignees";
import { DomainError } from "@/domain/errors";
import type { AuditActor } from "@/server/context-types";
import type { CentralDb } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import { writeAudit } from "./audit";

/** Active members of the org whose accounts are active. */
export async function assignableMembers(central: CentralDb, orgId: string): Promise<AssignableMember[]> {
  const rows = await central.orgMembership.findMany({
    where: { orgId, deactivatedAt: null, user: { deletedAt: null, deactivatedAt: null } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email }));
}

/** `input` with its assignee resolved (text and member link), unchanged when it names no assignee. */
export async function withAssignee<T extends AssigneeInput>(
  central: CentralDb,
  orgId: string,
  input: T,
): Promise<T> {
  if (input.assignedTo === undefined && input.assignedToUserId === undefined) return input;
  const resolved = resolveAssignee(input, await assignableMembers(central, orgId));
  if (resolved && "problem" in resolved) {
    throw new DomainError("INVALID", resolved.problem, {
      fieldErrors: { assignedToUserId: [resolved.problem] },
    });
  }
  return { ...input, ...resolved };
}

/**
 * Links the items of a project that name a member by text only (imported,
 * or saved before members were linked) to that member — by e-mail or a name
 * no other member shares. Items already linked, or naming nobody, are left
 * alone. One audit row records how many were linked.
 */
export async function linkAssignees(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  members: readonly AssignableMember[],
): Promise<{ linked: number }> {
  const match = assigneeMatcher(members);
  return db.$transaction(async (tx) => {
    const texts = await tx.item.findMany({
      where: { projectId, assignedToUserId: null, assignedTo: { not: null } },
      distinct: ["assignedTo"],
      select: { assignedTo: true },
    });
    let linked = 0;
    for (const { assignedTo } of texts) {
      const userId = match(assignedTo);
      if (!userId) continue;
      const { count } = await tx.item.updateMany({
        where: { projectId, assignedToUserId: null, assignedTo },
        data: { assignedToUserId: userId },
      });
      linked += count;
    }
    if (linked > 0) {
      await writeAudit(tx, actor, {
        action: "UPDATE",
        entityType: "project",
        entityId: projectId,
        projectId,
        after: { linkedAssignees: linked },
      });
    }
    return { linked };
  });
}
