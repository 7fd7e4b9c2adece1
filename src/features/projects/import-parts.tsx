"use client";

import { Upload } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ITEM_TYPES, type ItemType } from "@/domain/types";
import { cn } from "@/lib/cn";
import { formatDateRange, plural } from "@/lib/format";

/** One file input (several files at once) behind a drop zone and a "Choose files…" button. */
export function DropZone({
  onFiles,
  disabled,
  accept,
  hint,
  compact,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  accept: string;
  hint: React.ReactNode;
  /** Once a file is chosen: a slimmer zone, so the preview gets the room. */
  compact?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) onFiles([...e.dataTransfer.files]);
      }}
      className={cn(
        "flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-4 text-center",
        compact ? "py-3" : "py-6",
        over ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-slate-50",
      )}
    >
      {!compact && <Upload className="size-6 text-slate-500" aria-hidden="true" />}
      <p className="text-sm text-slate-700">{hint}</p>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        aria-label="Files to import"
        className="sr-only"
        tabIndex={-1}
        disabled={disabled}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = "";
        }}
      />
      <Button variant="secondary" onClick={() => input.current?.click()} disabled={disabled}>
        Choose files…
      </Button>
    </div>
  );
}

export type Phase = "idle" | "reading" | "checking" | "ready" | "importing";

const PHASE_LABEL: Record<Phase, string> = {
  idle: "",
  reading: "Reading the file",
  checking: "Checking every item",
  ready: "",
  importing: "Importing — this takes a few seconds for a large log",
};

/** Reading (determinate, from the bytes read) → checking → importing (indeterminate). */
export function ImportProgress({ phase, fraction }: { phase: Phase; fraction: number }) {
  if (phase === "idle" || phase === "ready") return null;
  const determinate = phase === "reading";
  const percent = Math.round(fraction * 100);
  return (
    <div className="flex flex-col gap-1.5" role="status">
      <div className="flex justify-between text-sm text-slate-700">
        <span>{PHASE_LABEL[phase]}…</span>
        {determinate && <span>{percent}%</span>}
      </div>
      <div
        role="progressbar"
        aria-label={PHASE_LABEL[phase]}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={determinate ? percent : undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn("h-full rounded-full bg-blue-600", !determinate && "w-1/3 animate-pulse")}
          style={determinate ? { width: `${percent}%` } : undefined}
        />
      </div>
    </div>
  );
}

export type Summary = {
  items: number;
  byType: Record<ItemType, number>;
  workstreams: string[];
  dateRange: { from: string; to: string } | null;
  notes: number;
  dependencies: number;
};

/** Items by type, workstreams and dates, as a compact definition list. */
export function SummaryCounts({ summary, extra }: { summary: Summary; extra?: React.ReactNode }) {
  const types = ITEM_TYPES.filter((t) => summary.byType[t] > 0);
  return (
    <div className="rounded-lg border border-slate-200 p-3 text-sm sm:p-4" data-testid="import-summary">
      <p className="font-semibold text-slate-900">
        {plural(summary.items, "item")}
        {summary.notes > 0 && (
          <span className="font-normal text-slate-600"> · {plural(summary.notes, "note")}</span>
        )}
        {summary.dependencies > 0 && (
          <span className="font-normal text-slate-600">
            {" "}
            · {plural(summary.dependencies, "dependency", "dependencies")}
          </span>
        )}
      </p>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Items by type">
        {types.map((t) => (
          <li key={t} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-slate-800">
            {t}: <span className="font-medium">{summary.byType[t]}</span>
          </li>
        ))}
      </ul>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-slate-700 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-900">Workstreams</dt>
        <dd className="break-words">
          {summary.workstreams.length ? summary.workstreams.join(", ") : "None"}
        </dd>
        <dt className="font-medium text-slate-900">Dates</dt>
        <dd>
          {summary.dateRange
            ? formatDateRange(summary.dateRange.from, summary.dateRange.to)
            : "No dated items"}
        </dd>
        {extra}
      </dl>
    </div>
  );
}

/** "Item 3, line 42: type "Riskk" is not …" */
export function describeYamlIssue(e: { item?: number | string; line?: number; message: string }): string {
  const where = [
    e.item !== undefined ? (typeof e.item === "number" ? `Item ${e.item}` : e.item) : null,
    e.line ? `line ${e.line}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${e.message}` : e.message;
}
