"use client";

import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { daysBetween } from "@/domain/dates";
import { formatMoney } from "@/features/budget/format";
import { formatIsoDate, plural } from "@/lib/format";
import { cn } from "@/lib/cn";
import type { RouterOutputs } from "@/trpc/react";

type Exposure = RouterOutputs["project"]["riskRegister"]["exposure"];
type Forecast = RouterOutputs["project"]["forecast"];

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const footerLink =
  "inline-flex items-center gap-1 rounded text-sm font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** Expected cost and delay of the open risks, and the worst one (links to the register). */
export function ExposureCard({ exposure, href }: { exposure: Exposure; href: string }) {
  const w = exposure.worst;
  return (
    <Card id="dash-exposure" title="Risk exposure" testId="exposure-card">
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
        <div>
          <dt className="text-slate-600">Cost</dt>
          <dd className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
            {formatMoney(exposure.cost)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Schedule</dt>
          <dd className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
            {exposure.days.toLocaleString("en", { maximumFractionDigits: 1 })}{" "}
            <span className="text-base font-medium text-slate-600">days</span>
          </dd>
        </div>
        <div className="col-span-2">
          <dt className="text-slate-600">Worst risk</dt>
          <dd className="mt-0.5">
            {w ? (
              <Link
                href={`${href}?item=${w.itemNum}`}
                className="rounded font-medium text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                #{w.itemNum} {w.title}
              </Link>
            ) : (
              <span className="text-slate-600">None assessed</span>
            )}
            {w && (
              <span className="block text-xs text-slate-600">
                {formatMoney(w.cost)} · {w.days.toLocaleString("en")} days expected
              </span>
            )}
          </dd>
        </div>
      </dl>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-xs text-slate-600">
        <span>Likelihood-weighted, {plural(exposure.risks, "open risk")}</span>
        <Link href={href} className={footerLink}>
          Open the register
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      </div>
    </Card>
  );
}

function lateBy(plan: string | null, date: string | null): string | null {
  if (!plan || !date) return null;
  const d = daysBetween(plan, date);
  if (d === 0) return "on plan";
  return d > 0 ? `${plural(d, "day")} late` : `${plural(-d, "day")} early`;
}

/** Plan finish against the P50 / P80 forecast, with the forecast's own explanation. */
export function ForecastCard({ forecast }: { forecast: Forecast }) {
  const f = forecast;
  const rows: { label: string; date: string | null; hint: string | null; testId: string }[] = [
    { label: "Plan finish", date: f.planFinish, hint: null, testId: "forecast-plan" },
    { label: "P50", date: f.p50, hint: lateBy(f.planFinish, f.p50), testId: "forecast-p50" },
    { label: "P80", date: f.p80, hint: lateBy(f.planFinish, f.p80), testId: "forecast-p80" },
  ];
  return (
    <Card id="dash-forecast" title="Finish forecast" testId="forecast-card">
      <dl className="mt-3 grid grid-cols-3 gap-x-3 text-sm">
        {rows.map((r) => (
          <div key={r.label}>
            <dt className="text-slate-600">{r.label}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid={r.testId}>
              {r.date ? formatIsoDate(r.date) : "—"}
            </dd>
            {r.hint && (
              <dd className={cn("text-xs", r.hint.endsWith("late") ? "text-red-800" : "text-slate-600")}>
                {r.hint}
              </dd>
            )}
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-700" data-testid="forecast-explanation">
        {f.explanation}
      </p>
      <p className="mt-2 text-xs text-slate-600">
        P50: half of {f.runs.toLocaleString("en")} simulated runs finish by then; P80: four in five do.
      </p>
    </Card>
  );
}

/** A dashboard card: a titled section (its title names it for assistive technology). */
function Card({
  id,
  title,
  testId,
  children,
}: {
  id: string;
  title: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={card} data-testid={testId}>
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
