"use client";

import { Download } from "lucide-react";
import { useId, useState } from "react";
import { Checkbox } from "@/components/ui/field";
import { MenuButton } from "@/components/ui/popover";
import { cn } from "@/lib/cn";
import { type ItemFilters, toFilterInput } from "@/lib/item-filters";
import { exportQuery, type TExport } from "@/contracts/export";
import { StatusReportDownload } from "./status-report-download";

const FORMATS: { format: TExport["format"]; label: string; hint: string; noClientView?: boolean }[] = [
  { format: "xlsx", label: "Excel workbook (.xlsx)", hint: "Typed columns, filters, budget sheet" },
  { format: "pdf", label: "PDF status report (.pdf)", hint: "Dashboard, risks, budget burn, all items" },
  { format: "csv", label: "CSV", hint: "Spreadsheet (Excel, Numbers)" },
  { format: "md-active", label: "Markdown active report", hint: "Open items by Critical / Warning / Active" },
  { format: "md-summary", label: "Markdown summary", hint: "Counts by indicator and budget" },
  { format: "md-table", label: "Markdown table", hint: "One row per item" },
  { format: "yaml", label: "YAML", hint: "v1 RAID log format (re-importable)" },
  { format: "json", label: "JSON", hint: "Everything, for other tools" },
  {
    format: "budget-yaml",
    label: "Budget (YAML)",
    hint: "v1 Budget file: rate card, ledger, timesheets (empty without a budget)",
    noClientView: true,
  },
];

type ExportProps = {
  orgSlug: string;
  projectId: string;
  filters: ItemFilters;
  /** Whether any filter is active (said in the menu so nobody is surprised). */
  filtered: boolean;
};

/** Export dropdown: each format is a plain download link to /api/export honouring the filters. */
export function ExportMenu(props: ExportProps) {
  return (
    <MenuButton icon={Download} label="Export" size="md" panelClassName="w-[min(20rem,calc(100vw-2rem))] p-2">
      {(close) => <ExportPanel {...props} close={close} />}
    </MenuButton>
  );
}

/** The export formats and options (in the Export dropdown, and in the "⋯" menu on phones). */
export function ExportPanel({
  orgSlug,
  projectId,
  filters,
  filtered,
  close,
}: ExportProps & { close: () => void }) {
  const [asOf, setAsOf] = useState("");
  const [clientView, setClientView] = useState(false);
  const asOfId = useId();
  const asOfValid = !asOf || /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const filter = toFilterInput(filters);
  const href = (format: TExport["format"]) =>
    `/api/export?${exportQuery({
      orgSlug,
      projectId,
      format,
      ...(asOf && asOfValid ? { asOf } : {}),
      ...(clientView ? { clientView: true } : {}),
      filter,
    }).toString()}`;

  return (
    <div className="flex flex-col gap-1">
      <p className="px-2 pt-1 text-xs text-slate-600">
        {filtered ? "Exports the items matching the current filters." : "Exports all items of the project."}
      </p>
      <ul className="flex flex-col" aria-label="Export formats">
        {FORMATS.filter((f) => !(clientView && f.noClientView)).map((f) => (
          <li key={f.format}>
            <a
              href={href(f.format)}
              download
              onClick={() => close()}
              className={cn(
                "flex min-h-11 flex-col justify-center rounded-lg px-2 py-1.5 text-sm hover:bg-slate-100 sm:min-h-9",
                "focus-visible:outline-2 focus-visible:outline-blue-600",
              )}
            >
              <span className="font-medium text-slate-900">{f.label}</span>
              <span className="text-xs text-slate-600">{f.hint}</span>
            </a>
          </li>
        ))}
        <li>
          <StatusReportDownload
            orgSlug={orgSlug}
            projectId={projectId}
            asOf={asOf && asOfValid ? asOf : undefined}
            onDone={close}
          />
        </li>
      </ul>
      <div className="mt-1 flex flex-col gap-1 border-t border-slate-200 px-2 pt-2">
        <label htmlFor={asOfId} className="text-sm font-medium text-slate-800">
          Indicators as of <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={asOfId}
          type="date"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          aria-invalid={!asOfValid || undefined}
          className="min-h-11 rounded-lg border border-slate-300 px-3 text-base sm:min-h-9 sm:text-sm"
        />
        <p className="text-xs text-slate-600">Leave empty for today. Nothing stored changes.</p>
        <Checkbox
          label="Client view"
          description="Only client-visible, non-draft items, without notes."
          checked={clientView}
          onChange={(e) => setClientView(e.target.checked)}
        />
      </div>
    </div>
  );
}
