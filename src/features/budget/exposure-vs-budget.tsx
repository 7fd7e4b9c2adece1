import Link from "next/link";
import { exposureVsBudget } from "@/features/risks/exposure-budget";
import { cn } from "@/lib/cn";
import { formatMoney } from "./format";

/**
 * "Forecast + exposure vs budget" (SPEC §13): the budget's forecast total plus the open risks'
 * cost exposure, against the budget total — in words and as a stacked bar.
 */
export function ExposureVsBudget({
  forecast,
  exposureCost,
  budgetTotal,
  risksHref,
}: {
  forecast: number;
  exposureCost: string;
  budgetTotal: number;
  risksHref: string;
}) {
  const x = exposureVsBudget(forecast, exposureCost, budgetTotal);
  const scale = Math.max(x.budgetCents, x.totalCents, 1);
  const pct = (c: number) => `${Math.max(0, Math.min(100, (c / scale) * 100))}%`;
  return (
    <section
      aria-labelledby="budget-exposure-title"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      data-testid="forecast-exposure"
    >
      <h2 id="budget-exposure-title" className="text-base font-semibold text-slate-900">
        Forecast + risk exposure vs budget
      </h2>
      <p className={cn("mt-2 text-sm font-medium", x.over ? "text-red-800" : "text-slate-800")}>
        {x.sentence}
      </p>
      <div className="relative mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className="absolute inset-y-0 left-0 bg-blue-700" style={{ width: pct(x.forecastCents) }} />
        <div
          className="absolute inset-y-0 bg-orange-500"
          style={{ left: pct(x.forecastCents), width: pct(x.exposureCents) }}
        />
        {x.totalCents > x.budgetCents && (
          <div className="absolute inset-y-0 w-0.5 bg-slate-900" style={{ left: pct(x.budgetCents) }} />
        )}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-blue-700" />
          Forecast {formatMoney(x.forecastCents / 100)}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-orange-500" />
          Risk exposure {formatMoney(x.exposureCents / 100)}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-slate-200 ring-1 ring-slate-400" />
          Budget {formatMoney(x.budgetCents / 100)}
        </li>
      </ul>
      <p className="mt-2 text-xs text-slate-600">
        Risk exposure is each open risk&apos;s cost impact times its likelihood, summed.{" "}
        <Link href={risksHref} className="font-medium text-blue-700 hover:underline">
          See the risks
        </Link>
      </p>
    </section>
  );
}
