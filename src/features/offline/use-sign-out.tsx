"use client";

import { signOut } from "next-auth/react";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { plural } from "@/lib/format";
import { offlineQueue } from "./queue-store";
import { useMyQueuedOps } from "./use-offline-queue";

/**
 * Signing out, with a word first when changes made offline wait on this device
 * for the signed-in user: they were never sent, and after signing out nobody
 * would send them (they are kept per user and sent only for that user). The
 * person stays signed in to send them, or discards them and signs out.
 * Render `dialog` beside the control that calls `signOut`.
 */
export function useSignOut(callbackUrl = "/sign-in") {
  const mine = useMyQueuedOps();
  const [asking, setAsking] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const leave = useCallback(() => {
    setSigningOut(true);
    void signOut({ callbackUrl });
  }, [callbackUrl]);
  const request = useCallback(() => (mine.length > 0 ? setAsking(true) : leave()), [mine.length, leave]);

  const dialog = (
    <ConfirmDialog
      open={asking}
      title="Sign out with unsent changes?"
      danger
      confirmLabel="Discard them and sign out"
      cancelLabel="Stay signed in"
      pending={signingOut}
      onClose={() => setAsking(false)}
      onConfirm={async () => {
        for (const op of mine) await offlineQueue().discard(op.id);
        leave();
      }}
    >
      <p>
        {plural(mine.length, "change")} you made offline {mine.length === 1 ? "is" : "are"} still on this
        device, not sent yet. Stay signed in and they are sent when the network is back; sign out and they are
        lost.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {mine.slice(0, 5).map((op) => (
          <li key={op.id}>{op.label}</li>
        ))}
        {mine.length > 5 && <li>and {plural(mine.length - 5, "more change")}</li>}
      </ul>
    </ConfirmDialog>
  );
  return { signOut: request, signingOut, unsent: mine.length, dialog };
}
