"use client";

import { ArrowRight, ChevronDown, CircleCheck, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Children, useState } from "react";
import { BurnedBar } from "@/features/budget/burn-progress";
import { BudgetStatusBadge } from "@/features/budget/status-badge";
import { formatMoney, formatPct, STATUS_META } from "@/features/budget/format";
import { Button } from "@/components/ui/button";
import type { Severity } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import { SEVERITY_META } from "@/lib/item-meta";
import { type Dashboard, FOLD, itemsHref } from "./dashboard-view";

export function SeverityCard({
  label,
  value,
  hint,
  href,
  icon: Icon,
  kind,
}: {
  kind: string;
  label: string;
  value: number;
  hint: string;
  href: string;
  icon: LucideIcon;
}) {
  const sev = kind === "total" ? null : (kind as Severity);
  const tone = sev ? SEVERITY_META[sev] : null;
  return (
    <Link
      href={href}
      data-card={kind}
      className={cn(
        "group relative flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition",
        "hover:border-slate-300 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
      )}
    >
      <span
        aria-hidden="true"
        className={cn("absolute inset-x-0 top-0 h-1", tone ? tone.solid : "bg-slate-800")}
      />
      <span className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-700">{label}</span>
        <span
          aria-hidden="true"
          className={cn(
            "flex size-8 items-center justify-center rounded-lg",
            tone ? cn(tone.soft, tone.text) : "bg-slate-100 text-slate-700",
          )}
        >
          <Icon className="size-4" />
        </span>
      </span>
      <span
        className={cn(
          "mt-1 text-3xl font-semibold tracking-tight tabular-nums",
          value > 0 && tone ? tone.text : "text-slate-900",
        )}
      >
        {value.toLocaleString("en")}
      </span>
      <span className="mt-1 text-xs text-slate-600">{hint}</span>
      <span className="mt-3 inline-flex items-center gap-1 text-xs font-medium text-blue-700 group-hover:underline">
        View items
        <ArrowRight className="size-3.5" aria-hidden="true" />
      </span>
    </Link>
  );
}

export function ListCard({
  id,
  title,
  count,
  shown,
  icon: Icon,
  tone,
  viewAll,
  empty,
  summary,
  children,
}: {
  /** A line under the heading (e.g. how the count splits). */
  summary?: React.ReactNode;
  id: string;
  title: string;
  count: number;
  shown: number;
  icon: LucideIcon;
  tone: Severity;
  viewAll?: { href: string; label: string };
  empty: string;
  children: React.ReactNode;
}) {
  const t = SEVERITY_META[tone];
  const rows = Children.toArray(children);
  const [expanded, setExpanded] = useState(false);
  const visible = expanded ? rows : rows.slice(0, FOLD);
  return (
    <section
      aria-labelledby={id}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <span
          aria-hidden="true"
          className={cn("flex size-8 items-center justify-center rounded-lg", t.soft, t.text)}
        >
          <Icon className="size-4" />
        </span>
        <h2 id={id} className="flex-1 text-base font-semibold text-slate-900">
          {title}{" "}
          <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-sm font-semibold text-slate-700 tabular-nums">
            {count}
          </span>
        </h2>
        {viewAll && (
          <Link
            href={viewAll.href}
            className="rounded text-sm font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {viewAll.label}
          </Link>
        )}
      </div>
      {summary && shown > 0 && (
        <p className="border-b border-slate-100 px-4 py-2 text-sm text-slate-700">{summary}</p>
      )}
      {shown === 0 ? (
        <p className="flex items-center gap-2 px-4 py-6 text-sm text-slate-600">
          <CircleCheck className="size-5 shrink-0 text-green-700" aria-hidden="true" />
          {empty}
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100">{visible}</ul>
          {rows.length > FOLD && (
            <div className="border-t border-slate-100 px-2 py-1.5">
              <Button
                variant="ghost"
                size="sm"
                aria-expanded={expanded}
                onClick={() => setExpanded((e) => !e)}
              >
                <ChevronDown
                  className={cn("size-4 transition-transform", expanded && "rotate-180")}
                  aria-hidden="true"
                />
                {expanded ? "Show fewer" : `Show all ${rows.length}`}
              </Button>
            </div>
          )}
          {expanded && count > shown && (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
              The first {shown} of {count} are listed here; the All items page has the rest.
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function BudgetCard({ budget, href }: { budget: NonNullable<Dashboard["budget"]>; href: string }) {
  const tone = STATUS_META[budget.status];
  const burned = Math.max(0, Math.min(100, budget.burnPct));
  return (
    <section
      aria-labelledby="dash-budget"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dash-budget" className="text-base font-semibold text-slate-900">
          Budget
        </h2>
        <BudgetStatusBadge status={budget.status} />
      </div>
      <p className="mt-3 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">
        {formatPct(budget.burnPct)} <span className="text-base font-medium text-slate-600">burned</span>
      </p>
      <BurnedBar
        burnPct={budget.burnPct}
        valueText={`${formatPct(budget.burnPct)} of the budget burned`}
        className="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn("h-full rounded-full", tone.bar)} style={{ width: `${burned}%` }} />
      </BurnedBar>
      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
        <div>
          <dt className="text-slate-600">Burn to date</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{formatMoney(budget.burnToDate)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Budget total</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{formatMoney(budget.budgetTotal)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Forecast headroom</dt>
          <dd
            className={cn(
              "font-semibold tabular-nums",
              budget.budgetRemaining < 0 ? tone.text : "text-slate-900",
            )}
          >
            {formatMoney(budget.budgetRemaining)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Forecast total</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{formatMoney(budget.estTotalBurn)}</dd>
        </div>
      </dl>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-xs text-slate-600">
        <span>
          {budget.updatesThru
            ? `Timesheets through ${formatIsoDate(budget.updatesThru)}`
            : "No complete timesheet weeks yet"}
        </span>
        <Link
          href={href}
          className="inline-flex items-center gap-1 rounded text-sm font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Open budget
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      </div>
    </section>
  );
}

const HEALTH_ORDER: (Severity | "none")[] = [
  "critical",
  "warning",
  "active",
  "upcoming",
  "completed",
  "done",
  "none",
];

export function HealthCard({ d, orgSlug, projectId }: { d: Dashboard; orgSlug: string; projectId: string }) {
  const c = d.counts;
  const total = c.total;
  const open = c.open;
  const atRisk = c.critical + c.warning;
  const onTrack = open > 0 ? Math.round(((open - atRisk) / open) * 100) : 100;
  const segments = HEALTH_ORDER.map((s) => ({ s, n: c[s] })).filter((x) => x.n > 0);
  const label = (s: Severity | "none") => SEVERITY_META[s].label;
  return (
    <section
      aria-labelledby="dash-health"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="dash-health" className="text-base font-semibold text-slate-900">
        Health at a glance
      </h2>
      <p className="mt-3 text-sm text-slate-700">
        <span className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">{onTrack}%</span>{" "}
        of {plural(open, "open item")} on track
        {atRisk > 0 && (
          <>
            {" "}
            · <span className="font-medium text-red-800">{atRisk} need attention</span>
          </>
        )}
      </p>
      {total > 0 && (
        <div
          aria-hidden="true"
          className="mt-3 flex h-3 w-full gap-px overflow-hidden rounded-full bg-slate-100"
        >
          {segments.map(({ s, n }) => (
            <div
              key={s}
              className={cn("h-full", SEVERITY_META[s].solid, s === "none" && "bg-slate-300")}
              style={{ width: `${(n / total) * 100}%` }}
              title={`${label(s)}: ${n}`}
            />
          ))}
        </div>
      )}
      <ul className="mt-3 grid grid-cols-2 gap-x-3 gap-y-0.5 text-sm">
        {HEALTH_ORDER.filter((s) => s !== "none" || c.none > 0).map((s) => {
          const content = (
            <>
              <span
                aria-hidden="true"
                className={cn(
                  "size-2.5 shrink-0 rounded-sm",
                  SEVERITY_META[s].solid,
                  s === "none" && "bg-slate-300",
                )}
              />
              <span className="min-w-0 flex-1 truncate text-slate-700">{label(s)}</span>
              <span className="font-semibold text-slate-900 tabular-nums">{c[s]}</span>
            </>
          );
          return (
            <li key={s}>
              {s === "none" ? (
                <span className="flex min-h-9 items-center gap-2 px-1.5">{content}</span>
              ) : (
                <Link
                  href={itemsHref(orgSlug, projectId, [s])}
                  className="flex min-h-9 items-center gap-2 rounded-md px-1.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {content}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
      {c.drafts > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          {plural(c.drafts, "draft")} not counted (drafts have no indicator).
        </p>
      )}
    </section>
  );
}
