"use client";

import { ArrowRight, CalendarClock, CircleCheck, Siren, Wallet } from "lucide-react";
import Link from "next/link";
import { BudgetStatusBadge } from "@/components/budget/status-badge";
import { formatMoney, formatPct } from "@/components/budget/format";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { IndicatorBadge, TypeIcon } from "@/components/ui/badges";
import { buttonClasses } from "@/components/ui/button";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import type { Severity } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate, formatRelative, plural } from "@/lib/format";
import { SEVERITY_META } from "@/lib/item-meta";
import { api, type RouterOutputs } from "@/trpc/react";

type Dashboard = RouterOutputs["project"]["dashboard"];
type Brief = Dashboard["overdue"][number];

const CARDS: { key: string; label: string; sev: Severity[]; hint: string }[] = [
  { key: "critical", label: "Critical", sev: ["critical"], hint: "Late start, late finish or past deadline" },
  { key: "warning", label: "Warning", sev: ["warning"], hint: "Trending late" },
  { key: "active", label: "Active", sev: ["active"], hint: "In progress or finishing soon" },
  { key: "upcoming", label: "Upcoming", sev: ["upcoming"], hint: "Starting soon or not started" },
  {
    key: "completed",
    label: "Completed",
    sev: ["completed", "done"],
    hint: "Completed (recently or earlier)",
  },
];

export function ProjectDashboard({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const dash = api.project.dashboard.useQuery({ orgSlug, projectId });
  const project = api.project.get.useQuery({ orgSlug, projectId });
  const itemsHref = `/o/${orgSlug}/p/${projectId}`;
  const sevHref = (sev: Severity[]) => `${itemsHref}?${sev.map((s) => `sev=${s}`).join("&")}`;
  const itemHref = (n: number) => `${itemsHref}?item=${n}`;

  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <nav aria-label="Breadcrumb">
            <ol className="flex min-w-0 flex-wrap items-center gap-1.5">
              <li>
                <Link href={`/o/${orgSlug}`} className="rounded hover:text-slate-900 hover:underline">
                  Projects
                </Link>
              </li>
              <li aria-hidden="true">/</li>
              <li className="min-w-0 truncate font-medium text-slate-800">
                {project.data?.name ?? <Skeleton className="inline-block h-4 w-32 align-middle" />}
              </li>
            </ol>
          </nav>
        }
        title="Dashboard"
        description={
          dash.data && (
            <span className="flex flex-wrap gap-x-4 gap-y-1">
              {dash.data.project.clientName && <span>{dash.data.project.clientName}</span>}
              <span>As of {formatIsoDate(dash.data.today)}</span>
              {dash.data.project.indicatorsUpdated && (
                <span suppressHydrationWarning>
                  Indicators updated {formatRelative(dash.data.project.indicatorsUpdated)}
                </span>
              )}
            </span>
          )
        }
        actions={
          <Link href={itemsHref} className={buttonClasses("secondary")}>
            All items
            <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
        }
      />

      {dash.isPending ? (
        <LoadingRegion
          label="Loading the dashboard"
          className="mt-6 grid gap-4 sm:grid-cols-3 lg:grid-cols-6"
        >
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-28 rounded-xl" />
          ))}
        </LoadingRegion>
      ) : dash.isError ? (
        <div className="mt-6">
          <QueryError what="the dashboard" error={dash.error} onRetry={() => void dash.refetch()} />
        </div>
      ) : (
        <>
          <section aria-labelledby="counts-h" className="mt-6">
            <h2 id="counts-h" className="sr-only">
              Items by status
            </h2>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              {CARDS.map((c) => {
                const count = c.sev.reduce((n, s) => n + dash.data.counts[s], 0);
                const meta = SEVERITY_META[c.sev[0]!];
                return (
                  <li key={c.key}>
                    <Link
                      href={sevHref(c.sev)}
                      title={c.hint}
                      className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-blue-300 hover:shadow-md"
                    >
                      <span className="flex items-center gap-2 text-sm font-medium text-slate-700">
                        <span aria-hidden="true" className={cn("size-2.5 rounded-full", meta.dot)} />
                        {c.label}
                      </span>
                      <span
                        className={cn(
                          "mt-2 text-3xl font-semibold tabular-nums",
                          c.key === "critical" && count > 0 ? "text-red-700" : "text-slate-900",
                        )}
                      >
                        {count}
                      </span>
                      <span className="mt-auto pt-2 text-xs text-slate-600 group-hover:text-blue-800">
                        View items<span className="sr-only"> ({c.label.toLowerCase()})</span> →
                      </span>
                    </Link>
                  </li>
                );
              })}
              <li>
                <Link
                  href={itemsHref}
                  className="group flex h-full flex-col rounded-xl border border-slate-200 bg-slate-900 p-4 text-white shadow-sm transition hover:bg-slate-800"
                >
                  <span className="text-sm font-medium text-slate-200">Total</span>
                  <span className="mt-2 text-3xl font-semibold tabular-nums">{dash.data.counts.total}</span>
                  <span className="mt-auto pt-2 text-xs text-slate-300">
                    {dash.data.counts.open} open
                    {dash.data.counts.drafts > 0 && ` · ${plural(dash.data.counts.drafts, "draft")}`}
                  </span>
                </Link>
              </li>
            </ul>
          </section>

          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <ItemListCard
              className="lg:col-span-2"
              icon={Siren}
              title="Needs attention now"
              subtitle={
                dash.data.overdueCount > dash.data.overdue.length
                  ? `${dash.data.overdue.length} of ${dash.data.overdueCount} critical items, earliest first`
                  : "Critical items, earliest first"
              }
              items={dash.data.overdue}
              itemHref={itemHref}
              empty="Nothing is late. Nice."
              moreHref={dash.data.overdueCount > 0 ? sevHref(["critical"]) : undefined}
            />
            <BudgetCard budget={dash.data.budget} href={`${itemsHref}/budget`} />
            <ItemListCard
              className="lg:col-span-2"
              icon={CalendarClock}
              title="Due in the next 7 days"
              subtitle="Open items with a deadline (else finish) this week"
              items={dash.data.dueThisWeek}
              itemHref={itemHref}
              empty="Nothing is due this week."
            />
          </div>
        </>
      )}
    </PageContainer>
  );
}

function ItemListCard({
  icon: Icon,
  title,
  subtitle,
  items,
  itemHref,
  empty,
  moreHref,
  className,
}: {
  icon: typeof Siren;
  title: string;
  subtitle: string;
  items: Brief[];
  itemHref: (n: number) => string;
  empty: string;
  moreHref?: string;
  className?: string;
}) {
  return (
    <section className={cn("rounded-xl border border-slate-200 bg-white shadow-sm", className)}>
      <header className="flex items-start gap-3 border-b border-slate-100 px-4 py-3 sm:px-5">
        <Icon className="mt-0.5 size-5 shrink-0 text-slate-500" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          <p className="text-sm text-slate-600">{subtitle}</p>
        </div>
        {moreHref && (
          <Link
            href={moreHref}
            className="shrink-0 rounded text-sm font-medium text-blue-700 hover:underline"
          >
            See all
          </Link>
        )}
      </header>
      {items.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-6 text-sm text-slate-600 sm:px-5">
          <CircleCheck className="size-4 text-green-700" aria-hidden="true" />
          {empty}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {items.map((i) => (
            <li key={i.itemNum}>
              <Link
                href={itemHref(i.itemNum)}
                className="flex min-h-14 items-center gap-3 px-4 py-2.5 hover:bg-slate-50 focus-visible:-outline-offset-2 sm:px-5"
              >
                <TypeIcon type={i.type} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">
                    <span className="text-slate-500 tabular-nums">#{i.itemNum}</span> {i.title}
                  </span>
                  <span className="block truncate text-xs text-slate-600">
                    {[i.assignedTo ?? "Unassigned", i.workstream].filter(Boolean).join(" · ")}
                    {i.due && <> · due {formatIsoDate(i.due)}</>}
                  </span>
                </span>
                <IndicatorBadge indicator={i.indicator} className="max-sm:hidden" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BudgetCard({ budget, href }: { budget: Dashboard["budget"]; href: string }) {
  return (
    <section className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 lg:self-start">
      <div className="flex items-center gap-3">
        <Wallet className="size-5 text-slate-500" aria-hidden="true" />
        <h2 className="flex-1 text-base font-semibold text-slate-900">Budget</h2>
        {budget && <BudgetStatusBadge status={budget.status} />}
      </div>
      {budget ? (
        <>
          <div className="mt-4">
            <div className="flex justify-between text-sm text-slate-700">
              <span>{formatPct(budget.burnPct)} burned</span>
              {budget.updatesThru && <span>through {formatIsoDate(budget.updatesThru)}</span>}
            </div>
            <div
              role="progressbar"
              aria-label="Budget burned"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(Math.min(100, budget.burnPct))}
              className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-slate-200"
            >
              <div
                className={cn(
                  "h-full rounded-full",
                  budget.status === "over budget"
                    ? "bg-red-600"
                    : budget.status === "within 15%"
                      ? "bg-amber-500"
                      : "bg-green-600",
                )}
                style={{ width: `${Math.min(100, Math.max(0, budget.burnPct))}%` }}
              />
            </div>
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
            <div>
              <dt className="text-slate-600">Total</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{formatMoney(budget.budgetTotal)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Burn to date</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{formatMoney(budget.burnToDate)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Forecast total</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">
                {formatMoney(budget.estTotalBurn)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Remaining</dt>
              <dd
                className={cn(
                  "font-semibold tabular-nums",
                  budget.budgetRemaining < 0 ? "text-red-700" : "text-slate-900",
                )}
              >
                {formatMoney(budget.budgetRemaining)}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          No budget yet. Add allocations and timesheets to track burn against the total.
        </p>
      )}
      <Link href={href} className={buttonClasses("secondary", "sm", "mt-5 self-start")}>
        Open budget
        <ArrowRight className="size-4" aria-hidden="true" />
      </Link>
    </section>
  );
}
