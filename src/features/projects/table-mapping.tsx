"use client";

import { IssueList } from "@/components/issue-list";
import { Field, Select } from "@/components/ui/field";
import {
  ITEM_TABLE_FIELD_LABELS,
  ITEM_TABLE_FIELDS,
  REQUIRED_ITEM_TABLE_FIELDS,
  describeTableIssue,
  type ItemTableField,
  type ItemTableMapping,
} from "@/domain/item-table-fields";
import { plural } from "@/lib/format";
import type { RouterOutputs } from "@/trpc/react";
import { SummaryCounts } from "./import-parts";

type TablePreview = RouterOutputs["project"]["importTablePreview"];

/** Shown at once; the rest sit under "More fields" (open when the file has any of them). */
const MAIN_FIELDS: readonly ItemTableField[] = [
  "itemNum",
  "type",
  "title",
  "workstream",
  "description",
  "assignedTo",
  "start",
  "finish",
  "deadline",
  "percentComplete",
  "priority",
];
const MORE_FIELDS = ITEM_TABLE_FIELDS.filter((f) => !MAIN_FIELDS.includes(f));

/** The columns of a CSV / Excel file: each braidMgr field ← a column, the first rows, and every row problem. */
export function TableMapping({
  preview,
  mapping,
  onChange,
  disabled,
  lineWord,
}: {
  preview: TablePreview;
  mapping: ItemTableMapping;
  onChange: (m: ItemTableMapping) => void;
  disabled?: boolean;
  lineWord: string;
}) {
  const columns = preview.headers.map((h, i) => ({
    index: i,
    header: h || `Column ${i + 1}`,
    sample: preview.sampleRows.find((r) => (r[i] ?? "").trim() !== "")?.[i]?.trim() ?? "",
  }));
  const moreMapped = MORE_FIELDS.filter((f) => preview.suggestedMapping[f] !== undefined).length;
  const select = (f: ItemTableField) => (
    <Field key={f} label={ITEM_TABLE_FIELD_LABELS[f]} required={REQUIRED_ITEM_TABLE_FIELDS.includes(f)}>
      <Select
        value={mapping[f] ?? ""}
        disabled={disabled}
        onChange={(e) => onChange({ ...mapping, [f]: e.target.value === "" ? null : Number(e.target.value) })}
      >
        <option value="">
          {f === "itemNum" ? "Not in the file (number in row order)" : "Not in the file"}
        </option>
        {columns.map((c) => (
          <option key={c.index} value={c.index}>
            {c.header}
            {c.sample ? ` — e.g. ${c.sample.slice(0, 40)}` : ""}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="rounded-lg border border-slate-200 p-3 sm:p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">
          Columns · {plural(preview.rowCount, "row")}
        </legend>
        <p className="mb-3 text-sm text-slate-600">
          Each braidMgr field takes the column chosen for it; the CSV export&apos;s own headings are matched
          already. Type and Title are required.
        </p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{MAIN_FIELDS.map(select)}</div>
        <details className="mt-3" open={moreMapped > 0}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            More fields (duration, draft, budget, risk){moreMapped > 0 && ` · ${moreMapped} matched`}
          </summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{MORE_FIELDS.map(select)}</div>
        </details>
      </fieldset>

      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full text-left text-xs">
          <caption className="sr-only">The first rows of the file</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {columns.map((c) => (
                <th key={c.index} scope="col" className="px-2 py-1.5 font-semibold whitespace-nowrap">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((row, r) => (
              <tr key={r} className="border-t border-slate-100">
                {columns.map((c) => (
                  <td key={c.index} className="max-w-48 truncate px-2 py-1 text-slate-800">
                    {row[c.index] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {preview.errorCount > 0 ? (
        <IssueList
          tone="error"
          title="Problems to fix — nothing comes in until there are none"
          issues={preview.errors.map((e) => describeTableIssue(e, lineWord))}
          total={preview.errorCount}
        />
      ) : (
        <SummaryCounts summary={preview.summary} />
      )}
    </div>
  );
}
