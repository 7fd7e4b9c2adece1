/**
 * An item's history (the editor's History section): the audit rows of the
 * item, its notes and its dependencies, newest first, as readable entries.
 */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import { readRows } from "@/server/db/read-sql";
import { DomainError } from "@/domain/errors";
import { itemHistory, type HistoryAuditRow, type HistoryEntry } from "@/domain/item-history";

/** The newest rows read; an item with a longer history shows its latest changes. */
const HISTORY_LIMIT = 200;

export async function getItemHistory(
  db: TenantDb,
  projectId: string,
  itemNum: number,
): Promise<{ entries: HistoryEntry[]; truncated: boolean }> {
  const { sql } = TenantPrisma;
  const [item] = await readRows<{ id: string }>(
    db,
    sql`SELECT id FROM items WHERE project_id = ${projectId}::uuid AND item_num = ${itemNum}`,
  );
  if (!item) throw new DomainError("NOT_FOUND", `Item #${itemNum} not found`);
  const rows = await readRows<HistoryAuditRow>(
    db,
    sql`SELECT a.id::text AS id, a.action, a.entity_type AS "entityType", a.actor_name AS "actorName",
        a.actor_id AS "actorId", a.created_at AS "createdAt", a.before, a.after
      FROM audit_log a
      WHERE a.project_id = ${projectId}::uuid
        AND ((a.entity_type IN ('item', 'item_dependencies') AND a.entity_id = ${item.id})
          OR (a.entity_type = 'item_note'
            AND coalesce(a.after->>'itemNum', a.before->>'itemNum') = ${String(itemNum)}))
      ORDER BY a.id DESC LIMIT ${HISTORY_LIMIT + 1}`,
  );
  return { entries: itemHistory(rows.slice(0, HISTORY_LIMIT)), truncated: rows.length > HISTORY_LIMIT };
}
