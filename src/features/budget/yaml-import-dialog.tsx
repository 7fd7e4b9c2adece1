"use client";

import { FileText } from "lucide-react";
import { useRef, useState } from "react";
import { ImportError } from "@/components/issue-list";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Textarea } from "@/components/ui/field";
import { FormDialogButtons } from "@/components/ui/form-dialog-buttons";
import { useToast } from "@/components/ui/toast";
import { IMPORT_LIMITS } from "@/domain/limits";
import { plural } from "@/lib/format";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";

const MAX_BYTES = IMPORT_LIMITS.fileChars;

/** Import a v1 Budget-*.yaml (rate card, ledger, timesheets) into this project, all or nothing. */
export function YamlImportDialog({
  orgSlug,
  projectId,
  open,
  onClose,
  hasBudget,
  counts,
}: {
  orgSlug: string;
  projectId: string;
  open: boolean;
  onClose: () => void;
  hasBudget: boolean;
  counts?: { allocations: number; timesheets: number; projectRateCard: number };
}) {
  const toast = useToast();
  const importYaml = api.budget.importYaml.useMutation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const hasProjectData = hasBudget || (counts?.projectRateCard ?? 0) > 0;

  const close = () => {
    importYaml.reset();
    setText("");
    setFileName(null);
    setReplace(false);
    setError(null);
    setProblems([]);
    onClose();
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(`${file.name} is larger than ${MAX_BYTES / 1_000_000} MB.`);
      return;
    }
    setText(await file.text());
    setFileName(file.name);
    setError(null);
    setProblems([]);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setProblems([]);
    if (!text.trim()) {
      setError("Choose a Budget YAML file or paste its text.");
      return;
    }
    try {
      const r = await importYaml.mutateAsync({ orgSlug, projectId, budget: text, replace });
      const parts = [
        plural(r.allocations, "allocation"),
        plural(r.timesheets, "timesheet entry", "timesheet entries"),
        plural(r.rateCard, "rate-card entry", "rate-card entries"),
      ];
      toast.success(
        "Budget imported",
        `${parts.join(", ")}${r.warnings.length ? ` · ${plural(r.warnings.length, "warning")}` : ""}`,
      );
      close();
    } catch (err) {
      const info = errorInfo(err);
      if (info.code === "CONFLICT") {
        setError(`${info.message}`);
      } else {
        setError(
          info.fieldErrors.budget?.length
            ? "The file was not imported. Fix these problems and try again:"
            : info.message,
        );
        setProblems(info.fieldErrors.budget ?? []);
      }
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title="Import a Budget YAML"
      description="A v1 Budget-*.yaml file: rate card, budget ledger and timesheet data. Nothing is written unless the whole file is valid."
      footer={
        <FormDialogButtons
          form="budget-yaml-form"
          loading={importYaml.isPending}
          disabled={hasProjectData && !replace}
          onCancel={close}
        >
          {replace ? "Replace and import" : "Import"}
        </FormDialogButtons>
      }
    >
      <form
        id="budget-yaml-form"
        noValidate
        onSubmit={(e) => void submit(e)}
        className="flex flex-col gap-5"
        aria-busy={importYaml.isPending}
      >
        <ImportError error={error} problems={problems} />
        <div className="flex flex-wrap items-center gap-3">
          <input
            ref={fileRef}
            type="file"
            accept=".yaml,.yml,text/yaml,application/x-yaml,text/plain"
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => void onFile(e)}
          />
          <Button variant="secondary" onClick={() => fileRef.current?.click()}>
            <FileText className="size-4" aria-hidden="true" />
            Choose a file…
          </Button>
          <span className="text-sm text-slate-600">{fileName ?? "or paste the YAML below"}</span>
        </div>
        <Field label="YAML">
          <Textarea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            spellCheck={false}
            className="min-h-48 font-mono text-xs sm:text-xs"
            placeholder={
              "rate_card:\n- name: Ana Ruiz\n  rate: 185.0\n  roll_off_date: '2025-08-02'\nbudget_ledger:\n- amount: 535000.0\n  date: '2024-12-06'\ntimesheet_data:\n- week_ending: '2024-12-06'\n  resource: Ana Ruiz\n  hours: 40.0\n  rate: 185.0"
            }
          />
        </Field>
        {hasProjectData && (
          <div className="rounded-lg border border-amber-300 bg-amber-50 p-3">
            <p className="text-sm text-amber-950">
              This project already has budget data
              {counts &&
                ` (${plural(counts.allocations, "allocation")}, ${plural(counts.timesheets, "timesheet entry", "timesheet entries")}, ${plural(counts.projectRateCard, "project rate-card entry", "project rate-card entries")})`}
              . Importing replaces all of it with the file&apos;s data; the old records stay in the audit log.
            </p>
            <Checkbox
              label="Replace the existing budget data"
              checked={replace}
              onChange={(e) => setReplace(e.target.checked)}
            />
          </div>
        )}
      </form>
    </Dialog>
  );
}
