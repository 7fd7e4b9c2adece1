"use client";

import { budgetStatusSentence, type BudgetMetrics } from "@/domain/budget";
import { addDays } from "@/domain/dates";
import { formatIsoDate, localToday, plural } from "@/lib/format";
import { BurnChart } from "./burn-chart";
import { BurnProgress } from "./burn-progress";
import { ExposureVsBudget } from "./exposure-vs-budget";
import { MetricCards } from "./metric-cards";
import { ResourceTable } from "./resource-table";
import { BudgetStatusBadge } from "./status-badge";
import { WorkstreamVarianceTable } from "./workstream-variance";

const panel = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5";

/** SPEC §7 Budget: status, metric cards, burn bar, weekly chart, resource table, workstream variance. */
export function BudgetOverview({
  m,
  projectName,
  exposureCost,
  risksHref,
}: {
  m: BudgetMetrics;
  projectName: string;
  /** Open risks' cost exposure (project.riskRegister); the figure is left out until it is known. */
  exposureCost?: string;
  risksHref: string;
}) {
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="budget-status-title" className={panel}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="budget-status-title" className="text-base font-semibold text-slate-900">
              Budget status
            </h2>
            <BudgetStatusBadge status={m.budgetStatus} />
          </div>
          <p className="text-sm text-slate-600">
            {m.projStart ? (
              <>
                {formatIsoDate(m.projStart)} – {m.projEnd ? formatIsoDate(m.projEnd) : "no end date"}
                {m.weeksTotal > 0 && (
                  <>
                    {" "}
                    · week {m.weeksCompleted} of {m.weeksTotal}
                  </>
                )}
              </>
            ) : (
              "No complete timesheet weeks yet"
            )}
          </p>
        </div>
        <p className="mt-2 text-sm font-medium text-slate-800" data-testid="budget-status-sentence">
          {budgetStatusSentence(m)}
        </p>
        {m.updatesThru && m.updatesThru < addDays(localToday(), -7) && (
          <p
            role="status"
            className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          >
            The newest complete timesheet week ended {formatIsoDate(m.updatesThru)}, more than a week ago: the
            burn and the forecast do not include anything since.
          </p>
        )}
        <div className="mt-4">
          <BurnProgress m={m} />
        </div>
      </section>

      <MetricCards m={m} />

      {exposureCost !== undefined && (
        <ExposureVsBudget
          forecast={m.estTotalBurn}
          exposureCost={exposureCost}
          budgetTotal={m.budgetTotal}
          risksHref={risksHref}
        />
      )}

      <section className={panel}>
        {m.weeklyBurn.length > 0 ? (
          <>
            <BurnChart weeks={m.weeklyBurn} budgetTotal={m.budgetTotal} />
            {m.incompleteWeeks.length > 0 && (
              <p className="mt-2 text-sm text-slate-600" data-testid="incomplete-weeks">
                Not in the chart or any figure yet — timesheets marked incomplete for the{" "}
                {plural(m.incompleteWeeks.length, "week")} ending{" "}
                {m.incompleteWeeks.map((w) => formatIsoDate(w)).join(", ")}.
              </p>
            )}
          </>
        ) : (
          <p className="text-sm text-slate-600">
            The weekly burn chart appears once timesheets for a complete week are in. Weeks marked incomplete
            are left out of every figure.
          </p>
        )}
      </section>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2 *:min-w-0">
        <div className={panel}>
          {m.resourceBurn.length > 0 ? (
            <ResourceTable rows={m.resourceBurn} projectName={projectName} />
          ) : (
            <p className="text-sm text-slate-600">No time booked in complete weeks yet.</p>
          )}
        </div>
        {m.workstreamVariance.length > 0 && (
          <div className={panel}>
            <WorkstreamVarianceTable rows={m.workstreamVariance} />
          </div>
        )}
      </div>
      <p className="text-xs text-slate-600">
        Burn counts complete weeks only. Forecast = weekly average × weeks remaining
        {m.weeksRemaining > 0 ? ` (${plural(m.weeksRemaining, "week")})` : ""}; the end comes from the latest
        roll-off date on the rate card, else the project end date.
      </p>
    </div>
  );
}
