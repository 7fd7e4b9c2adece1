"use client";

import { FileText } from "lucide-react";
import { useRef, useState } from "react";
import { IssueList } from "@/components/issue-list";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TimesheetCsvMapping } from "@/domain/timesheet-csv-fields";
import { IMPORT_LIMITS } from "@/domain/limits";
import { cn } from "@/lib/cn";
import { formatIsoDate, plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import { formatHours, formatMoneyExact } from "./format";
import { CsvColumnMapping, CsvPreviewTable, describeCsvIssue, type Preview } from "./timesheet-csv-preview";

type DuplicateMode = "replace" | "add";

const MAX_BYTES = IMPORT_LIMITS.fileChars;

/**
 * Timesheet CSV upload: paste or choose a file → check the column mapping and
 * the parsed rows with their problems → import. Nothing is written until
 * Import, and a file with any bad row is not imported at all.
 */
export function TimesheetCsvDialog({
  orgSlug,
  projectId,
  open,
  onClose,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Upload timesheets (CSV)"
      description="One row per resource and week: week ending, resource and hours; a rate column is optional (the rate card fills it in)."
    >
      {open && <CsvImport orgSlug={orgSlug} projectId={projectId} onDone={onClose} />}
    </Dialog>
  );
}

function CsvImport({
  orgSlug,
  projectId,
  onDone,
}: {
  orgSlug: string;
  projectId: string;
  onDone: () => void;
}) {
  const toast = useToast();
  const preview = api.budget.timesheet.previewCsv.useMutation();
  const importCsv = api.budget.timesheet.importCsv.useMutation();
  const fileRef = useRef<HTMLInputElement>(null);

  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<TimesheetCsvMapping>({});
  const [duplicates, setDuplicates] = useState<DuplicateMode | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);

  const runPreview = async (text: string, m?: TimesheetCsvMapping) => {
    setFormError(null);
    setImportErrors([]);
    try {
      const r = await preview.mutateAsync({ orgSlug, projectId, csv: text, mapping: m });
      setResult(r);
      setMapping(r.mapping);
    } catch (err) {
      setFormError(errorInfo(err).message);
    }
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFormError(`${file.name} is larger than ${MAX_BYTES / 1_000_000} MB; split it into smaller files.`);
      return;
    }
    const text = await file.text();
    setCsv(text);
    setFileName(file.name);
    await runPreview(text);
  };

  const changeMapping = (field: keyof TimesheetCsvMapping, value: string) => {
    const next = { ...mapping, [field]: value === "" ? null : Number(value) };
    setMapping(next);
    void runPreview(csv, next);
  };

  const doImport = async () => {
    if (!result) return;
    setFormError(null);
    setImportErrors([]);
    try {
      const r = await importCsv.mutateAsync({
        orgSlug,
        projectId,
        csv,
        mapping,
        duplicates: result.duplicates.count > 0 ? (duplicates ?? "reject") : "reject",
      });
      toast.success(
        `Imported ${plural(r.imported, "timesheet entry", "timesheet entries")}`,
        `${formatHours(r.totals.hours)} h, ${formatMoneyExact(r.totals.cost)}${r.replaced ? ` · replaced ${plural(r.replaced, "entry", "entries")}` : ""}`,
      );
      onDone();
    } catch (err) {
      const info = errorInfo(err);
      setImportErrors(info.fieldErrors.csv ?? info.fieldErrors.duplicates ?? []);
      setFormError(
        info.code === "BAD_REQUEST" || info.code === "CONFLICT" ? "The file was not imported." : info.message,
      );
      if (info.code === "CONFLICT") await runPreview(csv, mapping);
    }
  };

  const busy = preview.isPending || importCsv.isPending;
  const hasErrors = (result?.errors.length ?? 0) > 0;
  const needsChoice = (result?.duplicates.count ?? 0) > 0 && duplicates === null;
  const canImport = !!result && !hasErrors && result.readyRows > 0 && !needsChoice && !busy;

  if (!result) {
    return (
      <div className="flex flex-col gap-5">
        <FormError>{formError}</FormError>
        <div className="flex flex-wrap items-center gap-3">
          <input
            ref={fileRef}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            className="sr-only"
            onChange={(e) => void onFile(e)}
            tabIndex={-1}
          />
          <Button
            variant="secondary"
            onClick={() => fileRef.current?.click()}
            loading={preview.isPending && !!fileName}
          >
            <FileText className="size-4" aria-hidden="true" />
            Choose a CSV file…
          </Button>
          <span className="text-sm text-slate-600">or paste the rows below</span>
        </div>
        <Field
          label="CSV text"
          hint="Headings in the first row. Dates as YYYY-MM-DD, MM/DD/YYYY, YYYY/MM/DD or “Month D, YYYY”; hours may have decimals (37.5)."
        >
          <Textarea
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            className="min-h-48 font-mono text-xs sm:text-xs"
            placeholder={
              "Week Ending,Resource,Hours,Rate,Complete Week\n2025-03-07,Chidi Okafor,37.5,72.50,yes"
            }
            spellCheck={false}
          />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button onClick={() => void runPreview(csv)} disabled={!csv.trim()} loading={preview.isPending}>
            Preview
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5" aria-busy={busy}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="text-slate-700">
          {fileName ? <strong className="font-medium">{fileName}</strong> : "Pasted text"} ·{" "}
          {plural(result.rowCount, "row")}
          {result.delimiter && result.delimiter !== "," && (
            <> · separated by {result.delimiter === "\t" ? "tabs" : `“${result.delimiter}”`}</>
          )}
        </span>
        <Button
          variant="link"
          size="sm"
          onClick={() => {
            setResult(null);
            setFormError(null);
            setImportErrors([]);
          }}
        >
          Choose another file
        </Button>
      </div>

      <CsvColumnMapping columns={result.columns} mapping={mapping} busy={busy} onChange={changeMapping} />

      <div
        role="status"
        className={cn(
          "rounded-lg border px-3 py-2 text-sm",
          hasErrors ? "border-red-200 bg-red-50 text-red-900" : "border-green-200 bg-green-50 text-green-900",
        )}
      >
        {hasErrors ? (
          <>
            <strong>{plural(result.errorCount, "problem")}</strong> to fix before anything can be imported —
            the file is imported whole or not at all. {plural(result.readyRows, "row")} read cleanly.
          </>
        ) : (
          <>
            <strong>{plural(result.readyRows, "row")}</strong> ready: {formatHours(result.totals.hours)}{" "}
            hours, {formatMoneyExact(result.totals.cost)}.
          </>
        )}
      </div>

      {hasErrors && (
        <IssueList
          tone="error"
          title="Problems"
          issues={result.errors.map(describeCsvIssue)}
          total={result.errorCount}
        />
      )}
      {result.warnings.length > 0 && (
        <IssueList
          tone="warning"
          title="Warnings (the rows are imported anyway)"
          issues={result.warnings.map(describeCsvIssue)}
          total={result.warningCount}
        />
      )}

      {result.duplicates.count > 0 && !hasErrors && (
        <fieldset className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <legend className="px-1 font-semibold">
            {plural(result.duplicates.count, "existing entry", "existing entries")} for the same resource and
            week
          </legend>
          <p>
            e.g.{" "}
            {result.duplicates.examples
              .slice(0, 3)
              .map((d) => `${d.resource}, week ending ${formatIsoDate(d.weekEnding)} (row ${d.row})`)
              .join("; ")}
            . Choose what to do with them:
          </p>
          <div className="mt-2 flex flex-col gap-1">
            {(
              [
                [
                  "replace",
                  "Replace them with the file's rows",
                  "For a corrected re-export of the same weeks.",
                ],
                [
                  "add",
                  "Keep them and add the file's rows too",
                  "Only when these are genuinely extra hours.",
                ],
              ] as const
            ).map(([v, label, hint]) => (
              <label key={v} className="flex min-h-10 cursor-pointer items-start gap-2 py-1">
                <input
                  type="radio"
                  name="csv-duplicates"
                  value={v}
                  checked={duplicates === v}
                  onChange={() => setDuplicates(v)}
                  className="mt-0.5 size-4 accent-blue-700"
                />
                <span>
                  <span className="font-medium">{label}</span>
                  <span className="block text-xs text-amber-900">{hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {result.rows.length > 0 && <CsvPreviewTable result={result} />}

      <FormError>
        {formError && (
          <>
            {formError}
            {importErrors.length > 0 && (
              <ul className="mt-1 list-disc pl-5 font-normal">
                {importErrors.slice(0, 10).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </FormError>

      <div className="sticky bottom-0 -mx-4 -mb-4 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-4 py-3 sm:-mx-6 sm:px-6">
        <Button variant="secondary" onClick={onDone} disabled={importCsv.isPending}>
          Cancel
        </Button>
        <Button onClick={() => void doImport()} disabled={!canImport} loading={importCsv.isPending}>
          {hasErrors ? "Fix the problems to import" : `Import ${plural(result.readyRows, "row")}`}
        </Button>
      </div>
    </div>
  );
}
