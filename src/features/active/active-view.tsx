"use client";

import { CircleCheckBig, ListChecks } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ExpandAllButton } from "@/components/ui/expand-all-button";
import type { IsoDate } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import { SEVERITY_META } from "@/lib/item-meta";
import { api, type RouterOutputs } from "@/trpc/react";
import { CollapsibleGroup } from "@/features/items/collapsible-group";
import { useOpenItem } from "@/features/items/item-editor-host";
import { itemListHref } from "@/lib/item-filter-params";
import { DateHint, ItemRow } from "@/features/items/item-row";
import { ViewHeader } from "@/features/items/view-header";
import { ACTIVE_QUERY, byDueDate, dueOf, overdueBy, relativeDay } from "@/features/items/view-meta";
import { ItemPage } from "@/features/project-pages/item-page";

type Item = RouterOutputs["item"]["list"]["items"][number];
type GroupKey = "critical" | "warning" | "active" | "upcoming" | "none";

const GROUPS: { key: GroupKey; label: string; hint: string; empty: string }[] = [
  {
    key: "critical",
    label: "Critical",
    hint: "Late start, late finish or past deadline",
    empty: "Nothing is late.",
  },
  { key: "warning", label: "Warning", hint: "Trending late", empty: "Nothing is trending late." },
  {
    key: "active",
    label: "Active",
    hint: "In progress or finishing within 14 days",
    empty: "Nothing in progress right now.",
  },
  {
    key: "upcoming",
    label: "Upcoming",
    hint: "Starting soon or not started",
    empty: "Nothing waiting to start.",
  },
  { key: "none", label: "No indicator", hint: "Open items without start or finish dates", empty: "" },
];

/** Open items grouped by severity (SPEC §7 Active items), each group sorted by deadline (else finish). */
export function ActiveView({
  orgSlug,
  projectId,
  today,
}: {
  orgSlug: string;
  projectId: string;
  today: IsoDate;
}) {
  // The page prefetches the same input (loading.tsx and error.tsx stand in otherwise).
  const [list] = api.item.list.useSuspenseQuery({ orgSlug, projectId, ...ACTIVE_QUERY });
  const editor = useOpenItem();
  const [closed, setClosed] = useState<Set<GroupKey>>(() => new Set(["none"]));

  const groups = useMemo(() => {
    const by = new Map<GroupKey, Item[]>(GROUPS.map((g) => [g.key, []]));
    for (const item of list.items) by.get((item.severity as GroupKey | null) ?? "none")?.push(item);
    for (const items of by.values()) items.sort(byDueDate);
    return GROUPS.map((g) => ({ ...g, items: by.get(g.key)! })).filter(
      (g) => g.key !== "none" || g.items.length > 0,
    );
  }, [list]);

  const total = list.total;
  const shown = list.items.length;
  const allOpen = groups.every((g) => !closed.has(g.key));
  const itemsHref = `/o/${orgSlug}/p/${projectId}`;

  return (
    <ItemPage orgSlug={orgSlug} projectId={projectId} editor={editor}>
      <ViewHeader
        orgSlug={orgSlug}
        projectId={projectId}
        title="Active items"
        description="Open items grouped by severity, most urgent first. Within a group, the earliest deadline (else finish date) comes first."
        actions={
          total > 0 && (
            <>
              <ExpandAllButton
                allOpen={allOpen}
                onClick={() => setClosed(allOpen ? new Set(groups.map((g) => g.key)) : new Set())}
              />
              <Link href={itemListHref(itemsHref, { openOnly: true })} className={buttonClasses("secondary")}>
                <ListChecks className="size-4" aria-hidden="true" />
                Open items table
              </Link>
            </>
          )
        }
      />

      <div className="mt-6">
        {total === 0 ? (
          <NoOpenItems orgSlug={orgSlug} projectId={projectId} />
        ) : (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-700" aria-live="polite">
              {plural(total, "open item")}
              {shown < total && ` (showing the first ${shown.toLocaleString("en")}, by deadline)`}
            </p>
            {groups.map((g) => {
              const tone = SEVERITY_META[g.key];
              const open = !closed.has(g.key);
              return (
                <CollapsibleGroup
                  key={g.key}
                  data-severity={g.key}
                  title={
                    <>
                      {g.label}
                      <span className="ml-2 text-sm font-normal text-slate-600 max-sm:hidden">{g.hint}</span>
                    </>
                  }
                  count={g.items.length}
                  open={open}
                  onToggle={() =>
                    setClosed((s) => {
                      const next = new Set(s);
                      if (next.has(g.key)) next.delete(g.key);
                      else next.add(g.key);
                      return next;
                    })
                  }
                  className={cn("border-l-4", tone.edge)}
                  headerClassName={tone.soft}
                  marker={
                    <span
                      aria-hidden="true"
                      className={cn(
                        "size-2.5 shrink-0 rounded-full",
                        g.key === "none" ? "bg-slate-400" : SEVERITY_META[g.key].dot,
                      )}
                    />
                  }
                >
                  {g.items.length === 0 ? (
                    <p className="px-4 py-4 text-sm text-slate-600">{g.empty}</p>
                  ) : (
                    <ul className="divide-y divide-slate-100">
                      {g.items.map((item) => (
                        <ItemRow
                          key={item.itemNum}
                          item={item}
                          onOpen={editor.open}
                          date={<Due item={item} today={today} />}
                        />
                      ))}
                    </ul>
                  )}
                </CollapsibleGroup>
              );
            })}
          </div>
        )}
      </div>
    </ItemPage>
  );
}

function Due({ item, today }: { item: Item; today: IsoDate }) {
  const due = dueOf(item);
  if (!due)
    return item.start ? (
      <DateHint label="Starts" date={formatIsoDate(item.start)} hint={relativeDay(item.start, today)} />
    ) : (
      <span className="text-slate-600">No dates</span>
    );
  const late = due.date < today;
  return (
    <DateHint
      label={due.kind === "Deadline" ? "Due" : "Finish"}
      date={formatIsoDate(due.date)}
      hint={late ? overdueBy(due.date, today) : relativeDay(due.date, today)}
      tone={late ? "late" : undefined}
    />
  );
}

function NoOpenItems({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const any = api.item.list.useQuery({ orgSlug, projectId, limit: 1 });
  const hasItems = (any.data?.total ?? 0) > 0;
  return hasItems ? (
    <EmptyState
      icon={CircleCheckBig}
      title="No open items"
      action={
        <Link href={`/o/${orgSlug}/p/${projectId}`} className={buttonClasses("secondary")}>
          See all items
        </Link>
      }
    >
      <p>
        Every item in this project is complete (drafts are not listed here). New risks, issues and actions
        will show up here, most urgent first.
      </p>
    </EmptyState>
  ) : (
    <EmptyState
      icon={ListChecks}
      title="No items yet"
      action={
        <Link href={`/o/${orgSlug}/p/${projectId}`} className={buttonClasses("primary")}>
          Add items in All items
        </Link>
      }
    >
      <p>
        This view lists the open items by how urgent they are. Add items with a start, finish or deadline on
        the All items page and braidMgr sorts them into Critical, Warning, Active and Upcoming here.
      </p>
    </EmptyState>
  );
}
