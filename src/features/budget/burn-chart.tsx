"use client";

import { useId, useState } from "react";
import { TableHead } from "@/components/ui/table-head";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import type { WeeklyBurn } from "@/domain/budget";
import { formatIsoDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { formatMoney, formatMoneyCompact, formatMoneyExact, formatShortDate } from "./format";
import { BUDGET_TABLE_HEAD } from "./table-style";

// Theme variables (src/app/globals.css), so the chart follows the light and dark themes.
const BAR = "var(--color-blue-600)";
const LINE = "var(--color-slate-900)";
const BUDGET = "var(--color-red-600)";
const GRID = "var(--color-slate-200)";
const AXIS = "var(--color-slate-300)";
const TICK = "var(--color-slate-600)";
const CURSOR = "var(--color-slate-100)";

function BurnTooltip({ active, payload }: Pick<TooltipContentProps, "active" | "payload">) {
  const week = payload?.[0]?.payload as WeeklyBurn | undefined;
  if (!active || !week) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg">
      <p className="font-semibold text-slate-900">Week ending {formatIsoDate(week.weekEnding)}</p>
      <p className="mt-1 flex items-center gap-2 text-slate-700">
        <span className="size-2.5 rounded-sm" style={{ background: BAR }} aria-hidden="true" />
        Burn: <span className="font-medium tabular-nums">{formatMoneyExact(week.cost)}</span>
      </p>
      <p className="flex items-center gap-2 text-slate-700">
        <span className="h-0.5 w-2.5" style={{ background: LINE }} aria-hidden="true" />
        Cumulative: <span className="font-medium tabular-nums">{formatMoneyExact(week.cumulative)}</span>
      </p>
    </div>
  );
}

/**
 * Weekly burn as bars (left axis) with the cumulative burn as a line (right
 * axis) and the budget total as a reference line on the cumulative axis.
 * Hovering (or focusing the chart and using the arrow keys) shows the week's
 * values; the same figures are available as a table.
 */
export function BurnChart({ weeks, budgetTotal }: { weeks: WeeklyBurn[]; budgetTotal: number }) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const cumulativeMax = Math.max(budgetTotal, weeks.at(-1)?.cumulative ?? 0);

  return (
    <figure className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-base font-semibold text-slate-900">Weekly burn</figcaption>
        <Button
          variant="ghost"
          size="sm"
          aria-expanded={asTable}
          aria-controls={tableId}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? "Show chart" : "Show as table"}
        </Button>
      </div>
      {asTable ? (
        <div id={tableId} className="max-h-96 overflow-auto rounded-lg border border-slate-200">
          <table className="w-full text-sm">
            <TableHead
              {...BUDGET_TABLE_HEAD}
              sticky
              columns={[
                "Week ending",
                { label: "Burn", numeric: true },
                { label: "Cumulative", numeric: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {weeks.map((w) => (
                <tr key={w.weekEnding}>
                  <td className="px-3 py-1.5 whitespace-nowrap">{formatIsoDate(w.weekEnding)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMoneyExact(w.cost)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMoneyExact(w.cumulative)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="h-72 w-full sm:h-80">
          <p className="sr-only">
            {`Weekly burn for ${weeks.length} weeks, from ${formatIsoDate(weeks[0]?.weekEnding)} to ${formatIsoDate(weeks.at(-1)?.weekEnding)}; cumulative ${formatMoney(weeks.at(-1)?.cumulative ?? 0)} of a ${formatMoney(budgetTotal)} budget. Use “Show as table” for every week's figures.`}
          </p>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={weeks} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} accessibilityLayer>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis
                dataKey="weekEnding"
                tickFormatter={formatShortDate}
                tick={{ fontSize: 12, fill: TICK }}
                tickLine={false}
                axisLine={{ stroke: AXIS }}
                minTickGap={16}
              />
              <YAxis
                yAxisId="week"
                tickFormatter={formatMoneyCompact}
                tick={{ fontSize: 12, fill: TICK }}
                tickLine={false}
                axisLine={false}
                width={56}
              />
              <YAxis
                yAxisId="cumulative"
                orientation="right"
                domain={[0, Math.ceil(cumulativeMax * 1.05)]}
                tickFormatter={formatMoneyCompact}
                tick={{ fontSize: 12, fill: TICK }}
                tickLine={false}
                axisLine={false}
                width={60}
              />
              <Tooltip
                content={(p) => <BurnTooltip active={p.active} payload={p.payload} />}
                cursor={{ fill: CURSOR }}
              />
              <Legend wrapperStyle={{ fontSize: 13 }} />
              <Bar
                yAxisId="week"
                dataKey="cost"
                name="Weekly burn"
                fill={BAR}
                radius={[3, 3, 0, 0]}
                maxBarSize={40}
              />
              <Line
                yAxisId="cumulative"
                dataKey="cumulative"
                name="Cumulative"
                type="monotone"
                stroke={LINE}
                strokeWidth={2}
                dot={false}
                activeDot={{ r: 4 }}
              />
              {budgetTotal > 0 && (
                <ReferenceLine
                  yAxisId="cumulative"
                  y={budgetTotal}
                  stroke={BUDGET}
                  strokeDasharray="6 4"
                  label={{ value: "Budget", position: "insideTopRight", fill: BUDGET, fontSize: 12 }}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
