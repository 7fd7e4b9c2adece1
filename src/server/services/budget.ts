/** Budget metrics for a project (SPEC §5), from its ledger, rate card and timesheets. */
import { TenantPrisma, type TenantDb } from "@/server/db/tenant";
import { readRows } from "@/server/db/read-sql";
import { DomainError } from "@/domain/errors";
import { computeBudgetMetrics, type BudgetInput, type BudgetMetrics } from "@/domain/budget";

/**
 * Everything the budget rules read, in one statement (one round trip; money and
 * dates as text, as computeBudgetMetrics takes them). Runs on the tenant pool
 * (src/server/db/read-sql.ts): budget.metrics and the dashboard read it often.
 */
async function budgetInputs(db: TenantDb, projectId: string): Promise<BudgetInput> {
  const [row] = await readRows<BudgetInput>(
    db,
    TenantPrisma.sql`SELECT p.project_end::text AS "projectEnd",
      (SELECT coalesce(json_agg(json_build_object('resourceName', r.resource_name,
          'rollOffDate', r.roll_off_date::text) ORDER BY r.resource_name, r.id), '[]'::json)
        FROM rate_cards r WHERE r.deleted_at IS NULL AND (r.project_id = p.id OR r.project_id IS NULL)) AS "rateCard",
      (SELECT coalesce(json_agg(json_build_object('amount', a.amount::text, 'workstream', w.name)
          ORDER BY a.id), '[]'::json)
        FROM budget_allocations a LEFT JOIN workstreams w ON w.id = a.workstream_id
        WHERE a.project_id = p.id AND a.deleted_at IS NULL) AS allocations,
      (SELECT coalesce(json_agg(json_build_object('resource', t.resource,
          'weekEnding', t.week_ending::text, 'hours', t.hours::text, 'cost', t.cost::text,
          'completeWeek', t.complete_week) ORDER BY t.week_ending, t.resource, t.id), '[]'::json)
        FROM timesheet_entries t WHERE t.project_id = p.id AND t.deleted_at IS NULL) AS timesheets,
      (SELECT coalesce(json_agg(json_build_object('workstream', w.name, 'budgetAmount', i.budget_amount::text)
          ORDER BY i.item_num), '[]'::json)
        FROM items i LEFT JOIN workstreams w ON w.id = i.workstream_id
        WHERE i.project_id = p.id AND i.deleted_at IS NULL AND i.type = 'Budget') AS "budgetItems"
    FROM projects p WHERE p.id = ${projectId}::uuid`,
  );
  if (!row) throw new DomainError("NOT_FOUND", "Project not found");
  return row;
}

export async function budgetMetrics(db: TenantDb, projectId: string): Promise<BudgetMetrics> {
  return computeBudgetMetrics(await budgetInputs(db, projectId));
}

/**
 * The metrics when the project keeps any budget data (ledger or timesheets), else null —
 * one round trip for both questions.
 */
export async function budgetMetricsIfAny(db: TenantDb, projectId: string): Promise<BudgetMetrics | null> {
  const inputs = await budgetInputs(db, projectId);
  if (!inputs.allocations.length && !inputs.timesheets.length) return null;
  return computeBudgetMetrics(inputs);
}
