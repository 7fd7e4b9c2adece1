"use client";

import { CalendarDays } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ExpandAllButton } from "@/components/ui/expand-all-button";
import { monthKey } from "@/domain/dates";
import { isOpen } from "@/domain/indicators";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import { api, type RouterOutputs } from "@/trpc/react";
import { CollapsibleGroup } from "@/features/items/collapsible-group";
import { useOpenItem } from "@/features/items/item-editor-host";
import { DateHint, ItemRow } from "@/features/items/item-row";
import { ViewHeader } from "@/features/items/view-header";
import {
  byDueDate,
  CHRONOLOGY_QUERY,
  dueOf,
  monthLabel,
  relativeDay,
  weekdayLabel,
} from "@/features/items/view-meta";
import { GoToAllItems } from "@/features/project-pages/go-to-all-items";
import { ItemPage } from "@/features/project-pages/item-page";

type Item = RouterOutputs["item"]["list"]["items"][number];
type Month = { key: string; items: Item[] };

const UNDATED = "undated";

/** Items by the month of their deadline (else finish); this month highlighted and open, undated last. */
export function ChronologyView({
  orgSlug,
  projectId,
  today,
}: {
  orgSlug: string;
  projectId: string;
  today: IsoDate;
}) {
  // The page prefetches the same input (loading.tsx and error.tsx stand in otherwise).
  const [list] = api.item.list.useSuspenseQuery({ orgSlug, projectId, ...CHRONOLOGY_QUERY });
  const editor = useOpenItem();
  const current = monthKey(today);
  // Only the current month starts open; the user's choices are remembered per month.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});

  const months = useMemo(() => {
    const by = new Map<string, Item[]>();
    for (const item of list.items) {
      const due = dueOf(item);
      const key = due ? monthKey(due.date) : UNDATED;
      by.set(key, [...(by.get(key) ?? []), item]);
    }
    // The current month is always shown, so "now" has a place even when nothing falls due.
    if (!by.has(current) && by.size > 0) by.set(current, []);
    const keys = [...by.keys()].filter((k) => k !== UNDATED).sort();
    if (by.has(UNDATED)) keys.push(UNDATED);
    return keys.map((key): Month => ({ key, items: by.get(key)!.sort(byDueDate) }));
  }, [list, current]);

  const isOpenMonth = (key: string) => toggled[key] ?? key === current;
  const allOpen = months.length > 0 && months.every((m) => isOpenMonth(m.key));
  const total = list.total;
  const shown = list.items.length;

  return (
    <ItemPage orgSlug={orgSlug} projectId={projectId} editor={editor}>
      <ViewHeader
        orgSlug={orgSlug}
        projectId={projectId}
        title="Chronology"
        description="Items by the month they fall due: the deadline, or the finish date when there is no deadline."
        actions={
          total > 0 && (
            <>
              <ExpandAllButton
                allOpen={allOpen}
                onClick={() => setToggled(Object.fromEntries(months.map((m) => [m.key, !allOpen])))}
              />
              <Button
                variant="secondary"
                onClick={() => {
                  setToggled((t) => ({ ...t, [current]: true }));
                  requestAnimationFrame(() =>
                    document
                      .getElementById(`month-${current}`)
                      ?.scrollIntoView({ behavior: "smooth", block: "start" }),
                  );
                }}
              >
                <CalendarDays className="size-4" aria-hidden="true" />
                This month
              </Button>
            </>
          )
        }
      />

      <div className="mt-6">
        {total === 0 ? (
          <EmptyState
            icon={CalendarDays}
            title="No items to put in order yet"
            action={<GoToAllItems orgSlug={orgSlug} projectId={projectId} />}
          >
            <p>
              The chronology lists items month by month, by their deadline or finish date. Add items with
              dates on the All items page and they line up here, with this month highlighted.
            </p>
          </EmptyState>
        ) : (
          <div className="flex flex-col gap-3 scroll-mt-20">
            <p className="text-sm text-slate-700">
              {plural(total, "item")} across {plural(months.filter((m) => m.key !== UNDATED).length, "month")}
              {shown < total && ` (showing the first ${shown.toLocaleString("en")})`}
            </p>
            {months.map((m) => (
              <MonthGroup
                key={m.key}
                month={m}
                current={m.key === current}
                past={m.key !== UNDATED && m.key < current}
                open={isOpenMonth(m.key)}
                onToggle={() => setToggled((t) => ({ ...t, [m.key]: !isOpenMonth(m.key) }))}
                today={today}
                onOpen={editor.open}
              />
            ))}
          </div>
        )}
      </div>
    </ItemPage>
  );
}

function MonthGroup({
  month,
  current,
  past,
  open,
  onToggle,
  today,
  onOpen,
}: {
  month: Month;
  current: boolean;
  past: boolean;
  open: boolean;
  onToggle: () => void;
  today: IsoDate;
  onOpen: (n: number) => void;
}) {
  const undated = month.key === UNDATED;
  const openCount = month.items.filter((i) => !i.draft && isOpen(i.indicator)).length;
  const critical = month.items.filter((i) => i.severity === "critical").length;
  const warning = month.items.filter((i) => i.severity === "warning").length;
  const done = month.items.length - month.items.filter((i) => isOpen(i.indicator)).length;
  return (
    <CollapsibleGroup
      id={`month-${month.key}`}
      data-month={month.key}
      data-current={current ? "true" : undefined}
      title={
        <span className="flex items-center gap-2">
          {undated ? "No deadline or finish date" : monthLabel(month.key)}
          {current && (
            <span className="rounded-full bg-blue-700 px-2 py-0.5 text-xs font-semibold text-white">
              This month
            </span>
          )}
        </span>
      }
      count={month.items.length}
      open={open}
      onToggle={onToggle}
      className={cn("scroll-mt-20", current && "border-blue-300 ring-2 ring-blue-600/30")}
      headerClassName={cn(current ? "bg-blue-50" : past ? "bg-slate-50" : "bg-white")}
      marker={
        <CalendarDays
          className={cn("size-4.5 shrink-0", current ? "text-blue-700" : "text-slate-500")}
          aria-hidden="true"
        />
      }
      badges={
        <span className="flex shrink-0 items-center gap-1.5 max-sm:hidden">
          {critical > 0 && <Chip className="bg-red-100 text-red-800 ring-red-300">{critical} critical</Chip>}
          {warning > 0 && (
            <Chip className="bg-amber-100 text-amber-900 ring-amber-300">{warning} warning</Chip>
          )}
          {openCount > 0 && <Chip className="bg-white text-slate-700 ring-slate-300">{openCount} open</Chip>}
          {done > 0 && <Chip className="bg-green-50 text-green-800 ring-green-300">{done} done</Chip>}
        </span>
      }
    >
      {month.items.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">Nothing falls due this month.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {month.items.map((item) => {
            const due = dueOf(item);
            const late = !!due && due.date < today && isOpen(item.indicator) && !item.draft;
            return (
              <ItemRow
                key={item.itemNum}
                item={item}
                onOpen={onOpen}
                leading={due ? <DayBadge date={due.date} today={today} /> : undefined}
                date={
                  due ? (
                    <DateHint
                      label={due.kind}
                      date={formatIsoDate(due.date)}
                      hint={late ? `${relativeDay(due.date, today)} · late` : relativeDay(due.date, today)}
                      tone={late ? "late" : undefined}
                    />
                  ) : (
                    <DateHint date="No dates" />
                  )
                }
              />
            );
          })}
        </ul>
      )}
    </CollapsibleGroup>
  );
}

function Chip({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <span
      className={cn(
        "rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        className,
      )}
    >
      {children}
    </span>
  );
}

function DayBadge({ date, today }: { date: IsoDate; today: IsoDate }) {
  const isToday = date === today;
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex w-10 shrink-0 flex-col items-center rounded-lg py-0.5 leading-tight",
        isToday ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800",
      )}
    >
      <span className="text-[11px] font-medium uppercase">{weekdayLabel(date)}</span>
      <span className="text-base font-semibold tabular-nums">{Number(date.slice(8))}</span>
    </span>
  );
}
