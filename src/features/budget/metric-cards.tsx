import type { BudgetMetrics } from "@/domain/budget";
import { formatIsoDate, plural } from "@/lib/format";
import { cn } from "@/lib/cn";
import { formatMoney, formatPct, STATUS_META } from "./format";

function Card({
  label,
  value,
  children,
  valueClassName,
}: {
  label: string;
  value: string;
  children?: React.ReactNode;
  valueClassName?: string;
}) {
  return (
    <div className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd
        className={cn(
          "mt-1 truncate text-2xl font-semibold tracking-tight text-slate-900 tabular-nums",
          valueClassName,
        )}
      >
        {value}
      </dd>
      {children && <dd className="mt-1 text-sm text-slate-600">{children}</dd>}
    </div>
  );
}

/**
 * Total, burn to date, weekly average, and v1's "budget remaining" under its
 * real name — the forecast headroom — beside the money actually left (SPEC §7).
 */
export function MetricCards({ m }: { m: BudgetMetrics }) {
  const tone = STATUS_META[m.budgetStatus];
  const latest = m.weeklyBurn.at(-1);
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
      <Card label="Budget total" value={formatMoney(m.budgetTotal)}>
        Budget items:{" "}
        <span className="font-medium text-slate-800 tabular-nums">{formatMoney(m.budgetItemsTotal)}</span>
      </Card>
      <Card label="Burn to date" value={formatMoney(m.burnToDate)}>
        {formatPct(m.burnPct)} of the total
        {m.updatesThru && <> · through {formatIsoDate(m.updatesThru)}</>}
        {latest && latest.cost !== 0 && (
          // Why the figure moved: what the newest week of timesheets added.
          <span className="mt-1 block" data-testid="burn-moved">
            <span className="font-medium text-slate-800 tabular-nums">
              {latest.cost > 0 ? "+" : "−"}
              {formatMoney(Math.abs(latest.cost))}
            </span>{" "}
            from the latest timesheets (week ending {formatIsoDate(latest.weekEnding)})
          </span>
        )}
      </Card>
      <Card label="Weekly average burn" value={formatMoney(m.wklyAvgBurn)}>
        {m.weeksCompleted > 0 ? `over ${plural(m.weeksCompleted, "complete week")}` : "No complete weeks yet"}
        {m.weeksRemaining > 0 && <> · {plural(m.weeksRemaining, "week")} to go</>}
      </Card>
      <Card
        label="Forecast headroom"
        value={formatMoney(m.budgetRemaining)}
        valueClassName={m.budgetRemaining < 0 ? tone.text : undefined}
      >
        Budget − forecast total{" "}
        <span className="font-medium text-slate-800 tabular-nums">{formatMoney(m.estTotalBurn)}</span>
        <br />
        Left to spend today{" "}
        <span className="font-medium text-slate-800 tabular-nums" data-testid="left-to-spend">
          {formatMoney(m.leftToSpend)}
        </span>
      </Card>
    </dl>
  );
}
