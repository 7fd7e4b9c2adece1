import type { BudgetMetrics } from "@/domain/budget";
import { cn } from "@/lib/cn";
import { formatMoney, formatPct, STATUS_META } from "./format";

/**
 * Burn to date against the total, with the forecast for the remaining weeks
 * as a lighter segment. Past 100 % the bar is full and the text says by how much.
 */
export function BurnProgress({ m }: { m: BudgetMetrics }) {
  const tone = STATUS_META[m.budgetStatus];
  const burned = Math.min(100, Math.max(0, m.burnPct));
  const estPct = m.budgetTotal > 0 ? (m.estTotalBurn / m.budgetTotal) * 100 : 0;
  const forecast = Math.max(0, Math.min(100, estPct) - burned);
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
        <span className="font-medium text-slate-800">
          {formatPct(m.burnPct)} burned
          <span className="font-normal text-slate-600"> · {formatPct(m.remainingPct)} left</span>
        </span>
        <span className="text-slate-600">
          Forecast at completion:{" "}
          <span className="font-medium text-slate-800 tabular-nums">{formatMoney(m.estTotalBurn)}</span>
          {m.budgetTotal > 0 && <> ({formatPct(Math.round(estPct * 10) / 10)} of total)</>}
        </span>
      </div>
      <BurnedBar
        burnPct={m.burnPct}
        valueText={`${formatPct(m.burnPct)} of the budget burned; forecast ${formatMoney(m.estTotalBurn)}`}
        className="mt-2 flex h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn("h-full", tone.bar)} style={{ width: `${burned}%` }} />
        <div
          className={cn("h-full opacity-35", tone.bar)}
          style={{ width: `${forecast}%` }}
          title="Forecast for the remaining weeks"
        />
      </BurnedBar>
      <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          <span className={cn("size-2.5 rounded-sm", tone.bar)} aria-hidden="true" /> Burned
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className={cn("size-2.5 rounded-sm opacity-35", tone.bar)} aria-hidden="true" /> Forecast
          (weekly average × weeks left)
        </span>
      </div>
    </div>
  );
}

/** The "Budget burned" progress bar (0–100 %, more burned shows as full); its segments are `children`. */
export function BurnedBar({
  burnPct,
  valueText,
  className,
  children,
}: {
  burnPct: number;
  valueText?: string;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="progressbar"
      aria-label="Budget burned"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(Math.min(100, Math.max(0, burnPct)))}
      aria-valuetext={valueText}
      className={className}
    >
      {children}
    </div>
  );
}
