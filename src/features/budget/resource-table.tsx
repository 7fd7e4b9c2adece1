"use client";

import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ResourceBurn } from "@/domain/budget";
import { csvText, downloadCsv, slugForFile } from "./csv-download";
import { formatHours, formatMoneyExact, formatPct } from "./format";
import { nextSort, SortHeader, type SortDir } from "./sort-header";

type Key = "resource" | "hours" | "cost" | "share";

/** Burn by resource (complete weeks): hours, cost and share of the burn; sortable; CSV download. */
export function ResourceTable({ rows, projectName }: { rows: ResourceBurn[]; projectName: string }) {
  const [sort, setSort] = useState<{ key: Key; dir: SortDir }>({ key: "cost", dir: "desc" });
  const sorted = useMemo(() => {
    const dir = sort.dir === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const c = sort.key === "resource" ? a.resource.localeCompare(b.resource) : a[sort.key] - b[sort.key];
      return c * dir || a.resource.localeCompare(b.resource);
    });
  }, [rows, sort]);
  const onSort = (key: Key) => setSort((s) => nextSort(s, key, key === "resource" ? "asc" : "desc"));
  const totals = rows.reduce((t, r) => ({ hours: t.hours + r.hours, cost: t.cost + r.cost }), {
    hours: 0,
    cost: 0,
  });

  const download = () =>
    downloadCsv(`${slugForFile(projectName)}-resource-burn.csv`, [
      ["Resource", "Hours", "Cost", "Share of total (%)"],
      ...sorted.map((r) => [csvText(r.resource), r.hours.toFixed(2), r.cost.toFixed(2), r.share.toFixed(1)]),
    ]);

  return (
    <section aria-labelledby="resource-burn-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="resource-burn-title" className="text-base font-semibold text-slate-900">
          Burn by resource
        </h2>
        <Button variant="secondary" size="sm" onClick={download} disabled={rows.length === 0}>
          <Download className="size-4" aria-hidden="true" />
          Download CSV
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[32rem] text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <SortHeader label="Resource" column="resource" sort={sort} onSort={onSort} />
              <SortHeader label="Hours" column="hours" sort={sort} onSort={onSort} align="right" />
              <SortHeader label="Cost" column="cost" sort={sort} onSort={onSort} align="right" />
              <SortHeader label="Share of total" column="share" sort={sort} onSort={onSort} />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sorted.map((r) => (
              <tr key={r.resource} className="hover:bg-slate-50">
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {r.resource}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{formatHours(r.hours)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(r.cost)}</td>
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <div
                      className="h-2 w-24 shrink-0 overflow-hidden rounded-full bg-slate-200 sm:w-32"
                      aria-hidden="true"
                    >
                      <div
                        className="h-full rounded-full bg-blue-600"
                        style={{ width: `${Math.min(100, r.share)}%` }}
                      />
                    </div>
                    <span className="tabular-nums">{formatPct(r.share)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 bg-slate-50 font-medium">
            <tr>
              <th scope="row" className="px-3 py-2 text-left">
                Total
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatHours(totals.hours)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(totals.cost)}</td>
              <td className="px-3 py-2" />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
