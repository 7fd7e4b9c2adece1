"use client";

import { CheckCircle2, PlugZap, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";

/** The foot of an org settings form: when it was last saved, "Discard changes" and "Save". */
export function SettingsSaveBar({
  updatedAt,
  busy,
  dirty,
  onDiscard,
}: {
  updatedAt: string | Date | null | undefined;
  busy: boolean;
  dirty: boolean;
  onDiscard: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {updatedAt && (
        <p className="mr-auto text-sm text-slate-600">Last saved {formatDateTime(new Date(updatedAt))}</p>
      )}
      <Button variant="secondary" disabled={busy || !dirty} onClick={onDiscard}>
        Discard changes
      </Button>
      <Button type="submit" loading={busy}>
        Save
      </Button>
    </div>
  );
}

/** What "Test connection" found: a green or red panel with its message; the details below it. */
export function TestResultFrame({
  ok,
  message,
  testId,
  children,
}: {
  ok: boolean;
  message: string;
  testId: string;
  children: React.ReactNode;
}) {
  const Icon = ok ? CheckCircle2 : XCircle;
  return (
    <div
      role="status"
      data-testid={testId}
      className={
        ok
          ? "rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-900"
          : "rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      }
    >
      <p className="flex items-center gap-2 font-medium">
        <Icon className="size-4 shrink-0" aria-hidden="true" />
        {message}
      </p>
      {children}
    </div>
  );
}

/** "Test connection", and below it what the last test found (`children`). */
export function TestConnection({
  onTest,
  testing,
  children,
}: {
  onTest: () => void;
  testing: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <div>
        <Button variant="secondary" onClick={onTest} loading={testing}>
          <PlugZap className="size-4" aria-hidden="true" />
          Test connection
        </Button>
      </div>
      {children}
    </>
  );
}
