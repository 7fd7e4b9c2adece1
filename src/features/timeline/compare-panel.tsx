"use client";

import { GitCompareArrows } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { BaselineComparison, BaselineItem, FinishChange } from "@/domain/baseline";
import { cn } from "@/lib/cn";
import { formatIsoDate } from "@/lib/format";
import { shortDate } from "./gantt-line";

const SHOWN = 25;

/**
 * What changed since the compared baseline: slipped items (days late, largest
 * first), pulled-in items, added and removed ones. Every entry opens its item
 * (a link to `?item=N`, opened in place).
 */
export function ComparePanel({
  name,
  takenOn,
  comparison,
  baselineItems,
  titles,
  itemHref,
  onOpen,
}: {
  name: string;
  takenOn: string;
  comparison: BaselineComparison;
  baselineItems: readonly BaselineItem[];
  /** Current titles by item number (also drafts). */
  titles: ReadonlyMap<number, { title: string }>;
  itemHref: (itemNum: number) => string;
  onOpen: (itemNum: number) => void;
}) {
  const { slipped, pulledIn, added, removed } = comparison;
  const before = new Map(baselineItems.map((b) => [b.itemNum, b.title]));
  const link = (n: number, title: string | undefined) => (
    <a
      href={itemHref(n)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(n);
      }}
      className="min-w-0 rounded text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <span className="font-medium text-slate-600 tabular-nums">#{n}</span> <span>{title ?? ""}</span>
    </a>
  );
  // The two lists of moved finish dates differ only in these.
  const finishLists = [
    { id: "slipped", title: "Slipped", hint: "Finish later than the baseline", rows: slipped, late: true },
    {
      id: "pulled-in",
      title: "Pulled in",
      hint: "Finish earlier than the baseline",
      rows: pulledIn,
      late: false,
    },
  ];
  const nothing = !slipped.length && !pulledIn.length && !added.length && !removed.length;

  return (
    <section
      aria-labelledby="tl-compare"
      data-testid="compare-panel"
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex items-start gap-3 border-b border-slate-200 px-4 py-3">
        <GitCompareArrows className="mt-0.5 size-5 shrink-0 text-slate-600" aria-hidden="true" />
        <div className="min-w-0">
          <h2 id="tl-compare" className="text-base font-semibold break-words text-slate-900">
            Compared with “{name}”
          </h2>
          <p className="text-sm text-slate-600">
            Baseline taken {formatIsoDate(takenOn)}. Faint dashed bars under each item show its baseline
            dates.
          </p>
        </div>
      </div>
      {nothing ? (
        <p className="px-4 py-4 text-sm text-slate-700">
          Nothing moved: every finish date is as in the baseline.
        </p>
      ) : (
        <div className="grid gap-px bg-slate-100 sm:grid-cols-2 xl:grid-cols-4">
          {finishLists.map(({ late, ...list }) => (
            <ChangeList
              key={list.id}
              {...list}
              render={(c) => (
                <Change c={c} late={late} link={link(c.itemNum, titles.get(c.itemNum)?.title ?? c.title)} />
              )}
            />
          ))}
          <ChangeList
            id="added"
            title="Added"
            hint="Not in the baseline"
            rows={added}
            render={(n) => link(n, titles.get(n)?.title)}
          />
          <ChangeList
            id="removed"
            title="Removed"
            hint="In the baseline, now deleted or a draft"
            rows={removed}
            render={(n) =>
              titles.has(n) ? (
                link(n, titles.get(n)!.title)
              ) : (
                <span className="text-slate-700">
                  <span className="font-medium tabular-nums">#{n}</span> {before.get(n)}{" "}
                  <span className="text-slate-600">(deleted)</span>
                </span>
              )
            }
          />
        </div>
      )}
    </section>
  );
}

function Change({ c, late, link }: { c: FinishChange; late: boolean; link: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <div className="flex items-start justify-between gap-2">
        {link}
        <span
          className={cn(
            "shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ring-1 ring-inset",
            late ? "bg-red-50 text-red-800 ring-red-300" : "bg-green-50 text-green-800 ring-green-300",
          )}
          data-days={c.days}
        >
          {late ? "+" : "−"}
          {c.days} {c.days === 1 ? "day" : "days"}
        </span>
      </div>
      <span className="text-xs text-slate-600 tabular-nums">
        Finish {shortDate(c.baselineFinish)} → {shortDate(c.currentFinish)}
      </span>
    </div>
  );
}

function ChangeList<T extends number | FinishChange>({
  id,
  title,
  hint,
  rows,
  render,
}: {
  id: string;
  title: string;
  hint: string;
  rows: readonly T[];
  render: (row: T) => React.ReactNode;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <div className="bg-white px-4 py-3" data-testid={`compare-${id}`}>
      <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        {title}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 tabular-nums">
          {rows.length}
        </span>
      </h3>
      <p className="text-xs text-slate-600">{hint}</p>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2 text-sm">
          {shown.map((r) => (
            <li
              key={typeof r === "number" ? r : r.itemNum}
              data-item-num={typeof r === "number" ? r : r.itemNum}
            >
              {render(r)}
            </li>
          ))}
        </ul>
      )}
      {rows.length > SHOWN && (
        <Button variant="link" size="sm" className="mt-1 px-0" onClick={() => setAll((v) => !v)}>
          {all ? "Show fewer" : `Show all ${rows.length}`}
        </Button>
      )}
    </div>
  );
}
