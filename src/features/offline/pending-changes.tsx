"use client";

import { CloudUpload, TriangleExclamationPoint } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { QueuedOp } from "@/contracts/offline-queue";
import { offlineQueue } from "./queue-store";
import { pendingOps, parkedOps } from "./queue-model";
import { useMyQueuedOps } from "./use-offline-queue";

const STATE_TEXT: Record<QueuedOp["state"], string> = {
  pending: "Waiting to be sent",
  conflict: "Changed by someone else meanwhile",
  failed: "Refused by the server",
};

/** Pending and parked changes of this device, each with Discard (and Review for a conflict). */
function PendingList({ ops, onNavigate }: { ops: QueuedOp[]; onNavigate: () => void }) {
  if (!ops.length) return <p className="text-sm text-slate-600">Nothing is waiting to be sent.</p>;
  return (
    <ul aria-label="Changes on this device" className="flex flex-col divide-y divide-slate-200">
      {ops.map((o) => (
        <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{o.label}</p>
            <p className="text-xs text-slate-600">
              {STATE_TEXT[o.state]}
              {o.error && o.state !== "pending" ? ` — ${o.error}` : ""}
            </p>
          </div>
          {o.state === "conflict" && o.kind === "update" && (
            <Link
              href={`/o/${o.scope.orgSlug}/p/${o.scope.projectId}?item=${o.itemNum}`}
              onClick={onNavigate}
              className="text-sm font-medium text-blue-800 underline"
            >
              Review
            </Link>
          )}
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:bg-red-50"
            aria-label={`Discard: ${o.label}`}
            onClick={() => void offlineQueue().discard(o.id)}
          >
            Discard
          </Button>
        </li>
      ))}
    </ul>
  );
}

/**
 * "3 pending": what was changed on this device and not yet sent (offline, or
 * sending), and changes that need the user (a conflict, a refusal). Opens the
 * list, where each can be discarded.
 */
export function PendingChanges({ tone }: { tone: "offline" | "online" }) {
  const ops = useMyQueuedOps();
  const [open, setOpen] = useState(false);
  const pending = pendingOps(ops).length;
  const parked = parkedOps(ops).length;
  if (!pending && !parked) return null;
  const text = [
    pending ? `${pending} pending` : null,
    parked ? `${parked} need${parked === 1 ? "s" : ""} attention` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="pending-changes"
        className={
          tone === "offline"
            ? "inline-flex min-h-9 items-center gap-1.5 rounded-lg bg-amber-100 px-2.5 text-sm font-semibold text-amber-950 underline-offset-2 ring-1 ring-amber-300 hover:underline"
            : "inline-flex min-h-9 items-center gap-1.5 rounded-lg bg-white px-2.5 text-sm font-semibold text-slate-900 ring-1 ring-slate-300 hover:underline"
        }
      >
        {parked ? (
          <TriangleExclamationPoint className="size-4 text-amber-700" aria-hidden="true" />
        ) : (
          <CloudUpload className="size-4" aria-hidden="true" />
        )}
        {text}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Changes on this device"
        description="Made without a network. They are sent in order when the connection is back; nothing is lost on reload."
      >
        <PendingList ops={[...pendingOps(ops), ...parkedOps(ops)]} onNavigate={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
