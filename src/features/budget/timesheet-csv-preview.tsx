/** Parts of the timesheet CSV dialog: the column mapping, the problem lists and the rows preview. */
import { TableHead } from "@/components/ui/table-head";
import { Field, Select } from "@/components/ui/field";
import {
  REQUIRED_TIMESHEET_FIELDS,
  TIMESHEET_CSV_FIELD_LABELS,
  TIMESHEET_CSV_FIELDS,
  type TimesheetCsvMapping,
} from "@/domain/timesheet-csv-fields";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import type { RouterOutputs } from "@/trpc/react";
import { formatHours, formatMoneyExact } from "./format";
import { BUDGET_TABLE_HEAD } from "./table-style";

export type Preview = RouterOutputs["budget"]["timesheet"]["previewCsv"];
type Issue = Preview["errors"][number];

const SHOWN_ROWS = 100;

/** "Row 3 (line 4): …", "Line 1: …" or the message alone (a problem of the whole file). */
export const describeCsvIssue = (i: Issue) =>
  i.row === null
    ? i.line
      ? `Line ${i.line}: ${i.message}`
      : i.message
    : `Row ${i.row} (line ${i.line}): ${i.message}`;

/** Which column of the file holds each field; changing one previews the file again. */
export function CsvColumnMapping({
  columns,
  mapping,
  busy,
  onChange,
}: {
  columns: Preview["columns"];
  mapping: TimesheetCsvMapping;
  busy: boolean;
  onChange: (field: keyof TimesheetCsvMapping, value: string) => void;
}) {
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3 sm:p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">Columns</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {TIMESHEET_CSV_FIELDS.map((f) => (
          <Field
            key={f}
            label={TIMESHEET_CSV_FIELD_LABELS[f]}
            required={REQUIRED_TIMESHEET_FIELDS.includes(f)}
          >
            <Select value={mapping[f] ?? ""} onChange={(e) => onChange(f, e.target.value)} disabled={busy}>
              <option value="">
                {f === "rate"
                  ? "Not in the file (use the rate card)"
                  : f === "completeWeek"
                    ? "Not in the file (all complete)"
                    : "Not in the file"}
              </option>
              {columns.map((c) => (
                <option key={c.index} value={c.index}>
                  {c.header}
                  {c.samples[0] ? ` — e.g. ${c.samples[0]}` : ""}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/** The first rows that will be imported (duplicates of existing entries highlighted). */
export function CsvPreviewTable({ result }: { result: Preview }) {
  return (
    <div className="max-h-80 overflow-auto rounded-lg border border-slate-200">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Rows that will be imported</caption>
        <TableHead
          {...BUDGET_TABLE_HEAD}
          sticky
          columns={[
            "Row",
            "Week ending",
            "Resource",
            { label: "Hours", numeric: true },
            { label: "Rate", numeric: true },
            { label: "Cost", numeric: true },
            "Week",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {result.rows.slice(0, SHOWN_ROWS).map((r) => (
            <tr key={r.row} className={cn(result.duplicates.rows.includes(r.row) && "bg-amber-50")}>
              <td className="px-3 py-1.5 text-slate-500 tabular-nums">{r.row}</td>
              <td className="px-3 py-1.5 whitespace-nowrap">{formatIsoDate(r.weekEnding)}</td>
              <td className="px-3 py-1.5">{r.resource}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatHours(r.hours)}</td>
              <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                {formatMoneyExact(r.rate)}
                {r.rateSource === "rate card" && (
                  <span className="ml-1 text-xs text-slate-500" title="From the rate card">
                    (card)
                  </span>
                )}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatMoneyExact(r.cost)}</td>
              <td className="px-3 py-1.5">{r.completeWeek ? "Complete" : "Incomplete"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.readyRows > SHOWN_ROWS && (
        <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
          Showing the first {SHOWN_ROWS} of {plural(result.readyRows, "row")}.
        </p>
      )}
    </div>
  );
}
