"use client";

import { WifiOff } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { PendingChanges } from "@/features/offline/pending-changes";
import { pendingOps } from "@/features/offline/queue-model";
import { useMyQueuedOps } from "@/features/offline/use-offline-queue";

function subscribe(cb: () => void) {
  window.addEventListener("online", cb);
  window.addEventListener("offline", cb);
  return () => {
    window.removeEventListener("online", cb);
    window.removeEventListener("offline", cb);
  };
}

/** true while the browser reports no network (false on the server). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/** Tooltip for actions that are disabled while offline. */
export const OFFLINE_HINT = "You're offline: reconnect to make changes";

/**
 * A visible banner while offline, with the changes queued on this device
 * ("3 pending"); back online, a small bar while they are sent or when one
 * needs the user (a conflict, a refusal).
 */
export function OfflineBanner() {
  const online = useOnline();
  const ops = useMyQueuedOps();
  if (online && !ops.length) return null;
  // Portalled out of the header (its backdrop-filter would contain `fixed`).
  return createPortal(
    online ? (
      <div
        role="status"
        data-testid="pending-bar"
        className="fixed inset-x-0 top-14 z-40 flex items-center justify-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-sm text-slate-800"
      >
        {pendingOps(ops).length > 0 && <span>Sending changes made offline…</span>}
        <PendingChanges tone="online" />
      </div>
    ) : (
      <div
        role="status"
        data-testid="offline-banner"
        className="fixed inset-x-0 top-14 z-40 flex flex-wrap items-center justify-center gap-x-2 gap-y-1 border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm font-medium text-amber-950"
      >
        <WifiOff className="size-4 shrink-0" aria-hidden="true" />
        You&apos;re offline — showing what was saved on this device. Edits, notes and new items are kept here
        and sent when you reconnect.
        <PendingChanges tone="offline" />
      </div>
    ),
    document.body,
  );
}

/** Registers /sw.js once (production builds; dev chunks are not content-hashed). */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (process.env.NODE_ENV !== "production" && localStorage.getItem("braidmgr.sw.dev") !== "1") return;
    const register = () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
        // offline support is a bonus; the app works without it
      });
    };
    if (document.readyState === "complete") register();
    else {
      window.addEventListener("load", register, { once: true });
      return () => window.removeEventListener("load", register);
    }
  }, []);
  return null;
}
