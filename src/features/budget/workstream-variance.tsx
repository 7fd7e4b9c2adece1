import type { WorkstreamVariance } from "@/domain/budget";
import { TableHead } from "@/components/ui/table-head";
import { cn } from "@/lib/cn";
import { formatMoneyExact } from "./format";
import { BUDGET_TABLE_HEAD } from "./table-style";

/** Allocated per workstream against the Budget items' amounts in it (SPEC §5 variance by workstream). */
export function WorkstreamVarianceTable({ rows }: { rows: WorkstreamVariance[] }) {
  return (
    <section aria-labelledby="ws-variance-title" className="flex flex-col gap-3">
      <div>
        <h2 id="ws-variance-title" className="text-base font-semibold text-slate-900">
          Variance by workstream
        </h2>
        <p className="text-sm text-slate-600">
          Allocations that name a workstream, against the Budget items in it.
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[28rem] text-sm">
          <TableHead
            {...BUDGET_TABLE_HEAD}
            columns={[
              "Workstream",
              { label: "Allocated", numeric: true },
              { label: "Budget items", numeric: true },
              { label: "Variance", numeric: true },
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.workstream}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {r.workstream}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(r.allocated)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoneyExact(r.itemBudget)}</td>
                <td
                  className={cn(
                    "px-3 py-2 text-right font-medium tabular-nums",
                    r.variance < 0 ? "text-red-700" : "text-slate-900",
                  )}
                >
                  {formatMoneyExact(r.variance)}
                  {r.variance < 0 && <span className="sr-only"> (items exceed the allocation)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
