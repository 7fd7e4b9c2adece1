import type { WorkstreamVariance } from "@/domain/budget";
import { cn } from "@/lib/cn";
import { formatMoneyExact } from "./format";
import { EntryTable } from "./entry-panel";

const COLUMNS = [
  { label: "Workstream" },
  { label: "Allocated", numeric: true },
  { label: "Budget items", numeric: true },
  { label: "Variance", numeric: true },
];

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
      <EntryTable
        minWidth="min-w-[28rem]"
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.workstream}
        cells={(r) => (
          <>
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
          </>
        )}
      />
    </section>
  );
}
