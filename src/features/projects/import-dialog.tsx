"use client";

import { FileSpreadsheet, FileText, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ImportError, IssueList } from "@/components/issue-list";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ItemTableMapping } from "@/domain/item-table-fields";
import { IMPORT_LIMITS } from "@/domain/limits";
import { plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";
import { type ChosenFile, nameFromFile, readFile } from "./import-files";
import { DropZone, ImportProgress, type Phase, SummaryCounts, describeYamlIssue } from "./import-parts";
import { TableMapping } from "./table-mapping";

type YamlPreview = RouterOutputs["project"]["importPreview"];
type TablePreview = RouterOutputs["project"]["importTablePreview"];
type Files = { raid?: ChosenFile; budget?: ChosenFile; table?: ChosenFile };

const ACCEPT = ".yaml,.yml,.csv,.tsv,.xlsx,text/yaml,application/x-yaml,text/csv";
const MAX_BYTES = IMPORT_LIMITS.fileChars;
const FORM_ID = "import-form";

/**
 * Import a RAID log (v1 YAML, with its Budget file if there is one) or an item
 * table (CSV or Excel, with a column mapping) — into a new project, or into
 * `into`, an existing project without items. Choose → preview (nothing
 * written) → Import, all or nothing.
 */
export function ImportDialog({
  orgSlug,
  open,
  onClose,
  into,
}: {
  orgSlug: string;
  open: boolean;
  onClose: () => void;
  into?: { projectId: string; name: string };
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={into ? `Import a RAID log into ${into.name}` : "Import a project"}
      description="A v1 RAID log (YAML) with its Budget file if you have one, or a CSV or Excel (.xlsx) list of items. Nothing is written until you import, and a file with any error is not imported at all."
    >
      {open && <ImportForm orgSlug={orgSlug} into={into} onDone={onClose} />}
    </Dialog>
  );
}

function ImportForm({
  orgSlug,
  into,
  onDone,
}: {
  orgSlug: string;
  into?: { projectId: string; name: string };
  onDone: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const previewYaml = api.project.importPreview.useMutation();
  const previewTable = api.project.importTablePreview.useMutation();
  const importYaml = api.project.importYaml.useMutation();
  const importInto = api.project.importInto.useMutation();
  const importTable = api.project.importTable.useMutation();
  const importTableInto = api.project.importTableInto.useMutation();

  const [files, setFiles] = useState<Files>({});
  const [phase, setPhase] = useState<Phase>("idle");
  const [fraction, setFraction] = useState(0);
  const [yaml, setYaml] = useState<YamlPreview | null>(null);
  const [table, setTable] = useState<TablePreview | null>(null);
  const [mapping, setMapping] = useState<ItemTableMapping>({});
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const checkRun = useRef(0);

  const fail = (err: unknown) => {
    const info = errorInfo(err);
    const listed = [
      ...(info.fieldErrors.raid ?? []),
      ...(info.fieldErrors.budget ?? []),
      ...(info.fieldErrors.file ?? []),
    ];
    setError(listed.length ? "Nothing was imported. Fix these problems and try again:" : info.message);
    setProblems(listed);
    setNameError(info.fieldErrors.name?.[0] ?? null);
  };

  const check = async (next: Files, m?: ItemTableMapping) => {
    const run = ++checkRun.current;
    setPhase("checking");
    setError(null);
    setProblems([]);
    try {
      if (next.table) {
        const file = { kind: next.table.kind as "csv" | "xlsx", data: next.table.data };
        const r = await previewTable.mutateAsync({ orgSlug, file, mapping: m });
        if (run !== checkRun.current) return;
        setTable(r);
        setYaml(null);
        setMapping(r.mapping);
      } else if (next.raid) {
        const r = await previewYaml.mutateAsync({ orgSlug, raid: next.raid.data, budget: next.budget?.data });
        if (run !== checkRun.current) return;
        setYaml(r);
        setTable(null);
        if (r.raid.project) setName((n) => n || r.raid.project!.name);
      } else {
        setYaml(null);
        setTable(null);
      }
    } catch (err) {
      if (run === checkRun.current) fail(err);
    }
    if (run === checkRun.current) setPhase("ready");
  };

  const onFiles = async (chosen: File[]) => {
    if (chosen.length === 0) return;
    const tooBig = chosen.find((f) => f.size > MAX_BYTES);
    if (tooBig) {
      setError(`${tooBig.name} is larger than ${MAX_BYTES / 1_000_000} MB.`);
      return;
    }
    setError(null);
    setProblems([]);
    setPhase("reading");
    setFraction(0);
    const total = chosen.reduce((n, f) => n + f.size, 0) || 1;
    const loaded = chosen.map(() => 0);
    try {
      const read = await Promise.all(
        chosen.map((f, i) =>
          readFile(f, (n) => {
            loaded[i] = n;
            setFraction(loaded.reduce((a, b) => a + b, 0) / total);
          }),
        ),
      );
      let next: Files = files.table ? {} : { ...files };
      for (const f of read) {
        if (f.kind === "csv" || f.kind === "xlsx") next = { table: f };
        else if (next.table) next = { [f.kind]: f };
        else next = { ...next, [f.kind]: f };
      }
      if (next.table && !into) setName((n) => n || nameFromFile(next.table!.name));
      if (!next.raid && !next.table) {
        setFiles(next);
        setPhase("idle");
        setError("Add the RAID log as well: a Budget file is imported together with its RAID log.");
        return;
      }
      setFiles(next);
      await check(next);
    } catch (err) {
      setPhase("idle");
      setError(err instanceof Error ? err.message : "The file could not be read");
    }
  };

  const removeBudget = () => {
    const next = { ...files, budget: undefined };
    setFiles(next);
    void check(next);
  };

  const changeMapping = (m: ItemTableMapping) => {
    setMapping(m);
    void check(files, m);
  };

  const hasErrors =
    (yaml && (!yaml.raid.ok || (yaml.budget && !yaml.budget.ok))) || (table && table.errorCount > 0);
  const ready = phase === "ready" && (yaml?.raid.ok || (table && table.errorCount === 0)) && !hasErrors;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!into && !name.trim()) {
      setNameError("Enter a project name");
      return;
    }
    setPhase("importing");
    setError(null);
    setProblems([]);
    try {
      const projectName = name.trim();
      const r = files.table
        ? into
          ? await importTableInto.mutateAsync({
              orgSlug,
              projectId: into.projectId,
              file: tableFile(files.table),
              mapping,
            })
          : await importTable.mutateAsync({
              orgSlug,
              file: tableFile(files.table),
              mapping,
              name: projectName,
            })
        : into
          ? await importInto.mutateAsync({
              orgSlug,
              projectId: into.projectId,
              raid: files.raid!.data,
              budget: files.budget?.data,
            })
          : await importYaml.mutateAsync({
              orgSlug,
              raid: files.raid!.data,
              budget: files.budget?.data,
              name: projectName,
            });
      toast.success(`Imported ${plural(r.items, "item")}`, r.name);
      onDone();
      router.push(`/o/${orgSlug}/p/${r.projectId}`);
    } catch (err) {
      setPhase("ready");
      fail(err);
    }
  };

  const busy = phase === "reading" || phase === "checking" || phase === "importing";
  const fileList = [files.raid, files.budget, files.table].filter((f): f is ChosenFile => !!f);

  return (
    <form
      id={FORM_ID}
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-busy={busy}
      className="flex flex-col gap-5"
    >
      <DropZone
        onFiles={(f) => void onFiles(f)}
        disabled={phase === "importing"}
        accept={ACCEPT}
        compact={fileList.length > 0}
        hint={
          fileList.length > 0 ? (
            "Drop or choose another file (a Budget file is added to the RAID log)"
          ) : (
            <>
              Drop a <strong>RAID-Log-*.yaml</strong> (and its <strong>Budget-*.yaml</strong>), or a{" "}
              <strong>.csv</strong> / <strong>.xlsx</strong> of items, here
            </>
          )
        }
      />

      {fileList.length > 0 && (
        <ul className="flex flex-col gap-1.5 text-sm" aria-label="Chosen files">
          {fileList.map((f) => (
            <li key={f.kind} className="flex items-center gap-2">
              {f.kind === "csv" || f.kind === "xlsx" ? (
                <FileSpreadsheet className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
              ) : (
                <FileText className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
              )}
              <span className="min-w-0 truncate font-medium text-slate-900">{f.name}</span>
              <span className="shrink-0 text-slate-600">
                {f.kind === "raid"
                  ? "RAID log"
                  : f.kind === "budget"
                    ? "Budget file"
                    : f.kind === "csv"
                      ? "CSV"
                      : "Excel"}
              </span>
              {f.kind === "budget" && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={removeBudget}
                  disabled={busy}
                  aria-label="Remove the budget file"
                >
                  <X className="size-4" aria-hidden="true" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      <ImportProgress phase={phase} fraction={fraction} />

      <ImportError error={error} problems={problems} />

      {yaml && <YamlPreviewPanel preview={yaml} />}
      {table && files.table && (
        <TableMapping
          preview={table}
          mapping={mapping}
          onChange={changeMapping}
          disabled={busy}
          lineWord={files.table.kind === "xlsx" ? "sheet row" : "line"}
        />
      )}

      {!into && (yaml?.raid.ok || table) && (
        <Field label="Project name" required error={nameError ?? undefined}>
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            maxLength={200}
            autoComplete="off"
          />
        </Field>
      )}

      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={!ready} loading={phase === "importing"}>
          Import
        </Button>
      </div>
    </form>
  );
}

const tableFile = (f: ChosenFile) => ({ kind: f.kind as "csv" | "xlsx", data: f.data });

function YamlPreviewPanel({ preview }: { preview: YamlPreview }) {
  const { raid, budget } = preview;
  return (
    <div className="flex flex-col gap-3">
      {raid.project && raid.summary && (
        <SummaryCounts
          summary={raid.summary}
          extra={
            <>
              <dt className="font-medium text-slate-900">Project</dt>
              <dd className="break-words">
                {raid.project.name}
                {raid.project.clientName && ` · ${raid.project.clientName}`}
              </dd>
              {budget?.ok && (
                <>
                  <dt className="font-medium text-slate-900">Budget</dt>
                  <dd>
                    {plural(budget.allocations, "allocation")},{" "}
                    {plural(budget.timesheets, "timesheet entry", "timesheet entries")},{" "}
                    {plural(budget.rateCard, "rate-card entry", "rate-card entries")}
                  </dd>
                </>
              )}
            </>
          }
        />
      )}
      {!raid.ok && (
        <IssueList
          tone="error"
          title="Problems in the RAID log"
          issues={raid.errors.map(describeYamlIssue)}
          total={raid.errorCount}
        />
      )}
      {budget && !budget.ok && (
        <IssueList
          tone="error"
          title="Problems in the budget file"
          issues={budget.errors.map(describeYamlIssue)}
          total={budget.errorCount}
        />
      )}
      {raid.warningCount + (budget?.warningCount ?? 0) > 0 && (
        <IssueList
          tone="warning"
          title="Warnings (they do not stop it)"
          issues={[...raid.warnings, ...(budget?.warnings ?? [])].map(describeYamlIssue)}
          total={raid.warningCount + (budget?.warningCount ?? 0)}
        />
      )}
    </div>
  );
}
