/** Dependencies between items of one project, kept free of cycles. */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { findDependencyCycles } from "@/domain/yaml-v1";
import { lockProjectWork, withTransactionRetry } from "@/server/db/transactions";
import { writeAudit } from "./audit";
import { findItem, type ItemDto } from "./item-reads";

/** Replaces the list of items `itemNum` depends on. */
export async function setDependencies(
  db: TenantDb,
  actor: AuditActor,
  projectId: string,
  input: { itemNum: number; dependsOn: number[] },
  mayEdit: (item: ItemDto) => boolean,
) {
  const wanted = [...new Set(input.dependsOn)].sort((a, b) => a - b);
  return withTransactionRetry(() =>
    db.$transaction(async (tx) => {
      // Serialise dependency edits per project so two concurrent edits cannot close a cycle together
      // (an advisory lock: the project row, which item creation increments, stays free).
      await lockProjectWork(tx, "dependencies", projectId);
      const item = await findItem(tx, projectId, input.itemNum);
      if (!item) throw new DomainError("NOT_FOUND", `Item #${input.itemNum} not found`);
      if (!mayEdit(item))
        throw new DomainError("FORBIDDEN", "You may only edit items assigned to you or created by you");
      if (wanted.includes(input.itemNum)) {
        throw new DomainError("INVALID", `Item #${input.itemNum} cannot depend on itself`, {
          fieldErrors: { dependsOn: ["An item cannot depend on itself"] },
        });
      }
      const targets = await tx.item.findMany({
        where: { projectId, itemNum: { in: wanted }, deletedAt: null },
        select: { id: true, itemNum: true },
      });
      const missing = wanted.filter((n) => !targets.some((t) => t.itemNum === n));
      if (missing.length) {
        throw new DomainError(
          "INVALID",
          `No item ${missing.map((n) => `#${n}`).join(", ")} in this project`,
          {
            fieldErrors: { dependsOn: [`No item ${missing.map((n) => `#${n}`).join(", ")} in this project`] },
          },
        );
      }
      // The whole project's graph with this item's new edges: any cycle through it is refused, named.
      const edges = await tx.itemDependency.findMany({
        where: { item: { projectId, deletedAt: null }, dependsOn: { deletedAt: null } },
        select: { item: { select: { itemNum: true } }, dependsOn: { select: { itemNum: true } } },
      });
      const graph = new Map<number, number[]>();
      for (const e of edges) {
        if (e.item.itemNum === input.itemNum) continue;
        graph.set(e.item.itemNum, [...(graph.get(e.item.itemNum) ?? []), e.dependsOn.itemNum]);
      }
      graph.set(input.itemNum, wanted);
      const cycle = findDependencyCycles(graph).find((c) => c.includes(input.itemNum));
      if (cycle) {
        const path = cycle.map((n) => `#${n}`).join(" → ");
        throw new DomainError("INVALID", `That would make a dependency cycle: ${path}`, {
          fieldErrors: { dependsOn: [`Dependency cycle: ${path}`] },
        });
      }
      const before = await tx.itemDependency.findMany({
        where: { itemId: item.id },
        select: { dependsOn: { select: { itemNum: true } } },
      });
      await tx.itemDependency.deleteMany({ where: { itemId: item.id } });
      if (targets.length)
        await tx.itemDependency.createMany({
          data: targets.map((t) => ({ itemId: item.id, dependsOnId: t.id })),
        });
      await writeAudit(tx, actor, {
        action: "UPDATE",
        entityType: "item_dependencies",
        entityId: item.id,
        projectId,
        before: {
          itemNum: input.itemNum,
          dependsOn: before.map((b) => b.dependsOn.itemNum).sort((a, b) => a - b),
        },
        after: { itemNum: input.itemNum, dependsOn: wanted },
      });
      return { itemNum: input.itemNum, dependsOn: wanted };
    }),
  );
}
