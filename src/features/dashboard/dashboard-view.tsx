"use client";

import {
  ArrowRight,
  CalendarClock,
  Flame,
  Hourglass,
  ListChecks,
  PlayCircle,
  Sigma,
  SquareCheckBig,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Severity } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { itemListHref } from "@/lib/item-filter-params";
import { api, type RouterOutputs } from "@/trpc/react";
import { useOpenItem } from "@/features/items/item-editor-host";
import { DateHint, ItemRow } from "@/features/items/item-row";
import { ViewHeader } from "@/features/items/view-header";
import { overdueBy, relativeDay } from "@/features/items/view-meta";
import { BudgetCard, HealthCard, ListCard, SeverityCard } from "./dashboard-cards";
import { ExposureCard, ForecastCard } from "./risk-cards";
import { ItemPage } from "@/features/project-pages/item-page";

export type Dashboard = RouterOutputs["project"]["dashboard"];

/** Rows a list shows before "Show all". */
export const FOLD = 6;

/** Link to the All items view with these severities selected (the query string it parses). */
export function itemsHref(orgSlug: string, projectId: string, severities: Severity[] = []): string {
  return itemListHref(`/o/${orgSlug}/p/${projectId}`, { severities });
}

/** The project dashboard: severity cards, overdue / due in the next 7 days, budget and health. One query. */
export function DashboardView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const scope = { orgSlug, projectId };
  // Prefetched by the page with the same inputs (loading.tsx and error.tsx stand in otherwise).
  const [d] = api.project.dashboard.useSuspenseQuery(scope);
  // A failure of these only hides their cards.
  const register = api.project.riskRegister.useQuery(scope);
  const forecast = api.project.forecast.useQuery(scope);
  const editor = useOpenItem();

  return (
    <ItemPage orgSlug={orgSlug} projectId={projectId} editor={editor}>
      <ViewHeader
        orgSlug={orgSlug}
        projectId={projectId}
        title="Dashboard"
        description={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            {d.project.clientName && <span>{d.project.clientName}</span>}
            <span>As of {formatIsoDate(d.today)}</span>
            {d.project.indicatorsUpdated && (
              <span>
                Indicators updated <RelativeTime value={d.project.indicatorsUpdated} />
              </span>
            )}
          </span>
        }
        actions={
          <Link href={itemsHref(orgSlug, projectId)} className={buttonClasses("secondary")}>
            <ListChecks className="size-4" aria-hidden="true" />
            All items
          </Link>
        }
      />

      <div className="mt-6">
        <DashboardBody
          d={d}
          orgSlug={orgSlug}
          projectId={projectId}
          onOpen={editor.open}
          exposure={register.data?.exposure}
          forecast={forecast.data}
        />
      </div>
    </ItemPage>
  );
}

const CARDS: {
  kind: "critical" | "warning" | "active" | "completed" | "total";
  label: string;
  icon: LucideIcon;
}[] = [
  { kind: "critical", label: "Critical", icon: Flame },
  { kind: "warning", label: "Warning", icon: Hourglass },
  { kind: "active", label: "Active", icon: PlayCircle },
  { kind: "completed", label: "Completed", icon: SquareCheckBig },
  { kind: "total", label: "Total", icon: Sigma },
];

function DashboardBody({
  d,
  orgSlug,
  projectId,
  onOpen,
  exposure,
  forecast,
}: {
  d: Dashboard;
  orgSlug: string;
  projectId: string;
  onOpen: (n: number) => void;
  exposure: RouterOutputs["project"]["riskRegister"]["exposure"] | undefined;
  forecast: RouterOutputs["project"]["forecast"] | undefined;
}) {
  const c = d.counts;
  const empty = c.total === 0 && c.drafts === 0;
  const cards = CARDS.map((card) => {
    switch (card.kind) {
      case "critical":
        return {
          ...card,
          value: c.critical,
          hint: "Late start, late finish or past deadline",
          href: itemsHref(orgSlug, projectId, ["critical"]),
        };
      case "warning":
        return {
          ...card,
          value: c.warning,
          hint: "Trending late",
          href: itemsHref(orgSlug, projectId, ["warning"]),
        };
      case "active":
        return {
          ...card,
          value: c.active,
          hint: "In progress or finishing soon",
          href: itemsHref(orgSlug, projectId, ["active"]),
        };
      case "completed":
        return {
          ...card,
          value: c.completed + c.done,
          hint: `${c.completed.toLocaleString("en")} in the last 14 days`,
          href: itemsHref(orgSlug, projectId, ["completed", "done"]),
        };
      case "total":
        return {
          ...card,
          value: c.total,
          hint: `${c.open.toLocaleString("en")} open${c.drafts ? ` · ${plural(c.drafts, "draft")} not counted` : ""}`,
          href: itemsHref(orgSlug, projectId),
        };
    }
  });

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="dash-counts">
        <h2 id="dash-counts" className="sr-only">
          Items by severity
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {cards.map((card) => (
            <li key={card.kind} className={cn(card.kind === "total" && "max-sm:col-span-2")}>
              <SeverityCard {...card} />
            </li>
          ))}
        </ul>
      </section>

      {empty ? (
        <EmptyState
          icon={ListChecks}
          title="No items in this project yet"
          action={
            <Link href={itemsHref(orgSlug, projectId)} className={buttonClasses("primary")}>
              Go to All items
              <ArrowRight className="size-4" aria-hidden="true" />
            </Link>
          }
        >
          <p>
            Add the project&apos;s risks, action items, issues, decisions and plan items on the All items page
            (or import a v1 YAML log from the project list). Once items have dates, this dashboard shows what
            is late, what is due in the next 7 days and how the project is trending.
          </p>
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
            <ListCard
              id="dash-overdue"
              title="Overdue"
              count={d.overdueCount}
              shown={d.overdue.length}
              icon={Flame}
              tone="critical"
              viewAll={
                d.overdueCount > 0
                  ? { href: itemsHref(orgSlug, projectId, ["critical"]), label: "View all critical items" }
                  : undefined
              }
              empty="Nothing is late. Every open item is on or ahead of its dates."
              summary={overdueSummary(d.overdueKinds)}
            >
              {d.overdue.map((item) => (
                <ItemRow
                  key={item.itemNum}
                  item={item}
                  onOpen={onOpen}
                  date={
                    item.lateSince ? (
                      <DateHint
                        label={MISSED[item.indicator ?? ""] ?? "Due"}
                        date={formatIsoDate(item.lateSince)}
                        hint={overdueBy(item.lateSince, d.today).replace("overdue", "late")}
                        tone="late"
                      />
                    ) : undefined
                  }
                />
              ))}
            </ListCard>
            <ListCard
              id="dash-week"
              title="Due in the next 7 days"
              count={d.dueThisWeek.length}
              shown={d.dueThisWeek.length}
              icon={CalendarClock}
              tone="active"
              empty="Nothing falls due in the next 7 days."
            >
              {d.dueThisWeek.map((item) => (
                <ItemRow
                  key={item.itemNum}
                  item={item}
                  onOpen={onOpen}
                  date={
                    item.due ? (
                      <DateHint date={formatIsoDate(item.due)} hint={relativeDay(item.due, d.today)} />
                    ) : undefined
                  }
                />
              ))}
            </ListCard>
          </div>
          <div className="flex min-w-0 flex-col gap-6">
            {d.budget && <BudgetCard budget={d.budget} href={`/o/${orgSlug}/p/${projectId}/budget`} />}
            {exposure && <ExposureCard exposure={exposure} href={`/o/${orgSlug}/p/${projectId}/risks`} />}
            {forecast && <ForecastCard forecast={forecast} />}
            <HealthCard d={d} orgSlug={orgSlug} projectId={projectId} />
          </div>
        </div>
      )}
    </div>
  );
}

/** The date an overdue item missed, by its indicator. */
const MISSED: Record<string, string> = {
  "Beyond Deadline!!!": "Deadline",
  "Late Finish!!": "Finish",
  "Late Start!!": "Start",
};

/** "2 past deadline · 1 late finish · 3 late start" (the order of the list below it). */
function overdueSummary(k: Dashboard["overdueKinds"]): string {
  return [
    [k.pastDeadline, "past deadline"],
    [k.lateFinish, "late finish"],
    [k.lateStart, "late start"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(" · ");
}
