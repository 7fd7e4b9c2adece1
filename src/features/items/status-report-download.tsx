"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";
import { downloadBlob } from "@/lib/download";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";

/**
 * The export menu's "Weekly status report (.md)": fetches project.statusReport
 * and saves the Markdown as a file (indicators as of `asOf`, else today).
 */
export function StatusReportDownload({
  orgSlug,
  projectId,
  asOf,
  onDone,
}: {
  orgSlug: string;
  projectId: string;
  asOf?: string;
  onDone: () => void;
}) {
  const utils = api.useUtils();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { markdown } = await utils.project.statusReport.fetch({
        orgSlug,
        projectId,
        ...(asOf ? { asOf } : {}),
      });
      downloadBlob(
        new Blob([markdown], { type: "text/markdown;charset=utf-8" }),
        `status-report-${asOf || new Date().toISOString().slice(0, 10)}.md`,
      );
      onDone();
    } catch (err) {
      setError(errorInfo(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      onClick={() => void download()}
      disabled={busy}
      aria-busy={busy}
      className={cn(
        "flex min-h-11 w-full flex-col items-start justify-center rounded-lg px-2 py-1.5 text-left text-sm hover:bg-slate-100 sm:min-h-9",
        "focus-visible:outline-2 focus-visible:outline-blue-600",
      )}
    >
      <span className="font-medium text-slate-900">Weekly status report (.md)</span>
      <span className="text-xs text-slate-600">
        {error ?? (busy ? "Preparing…" : "Figures, this week's changes, top risks, due next week")}
      </span>
    </button>
  );
}
