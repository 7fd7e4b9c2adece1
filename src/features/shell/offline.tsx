"use client";

import { WifiOff } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";

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

/** A visible banner while offline. */
export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  // Portalled out of the header (its backdrop-filter would contain `fixed`).
  return createPortal(
    <div
      role="status"
      data-testid="offline-banner"
      className="fixed inset-x-0 top-14 z-40 flex items-center justify-center gap-2 border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm font-medium text-amber-950"
    >
      <WifiOff className="size-4 shrink-0" aria-hidden="true" />
      You&apos;re offline — showing what was saved on this device. Changes can&apos;t be saved until you
      reconnect.
    </div>,
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
