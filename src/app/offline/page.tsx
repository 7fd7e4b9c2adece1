import { WifiOff } from "lucide-react";
import type { Metadata } from "next";
import { Brand } from "@/features/shell/brand";

export const metadata: Metadata = { title: "Offline" };
// Rendered per request like every page, so its scripts carry the response's CSP nonce; the service
// worker caches the response whole (header and HTML agree).

/** Served by the service worker when a page was never opened on this device and the network is down. */
export default function OfflinePage() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center"
    >
      <Brand href="/" />
      <div className="flex size-12 items-center justify-center rounded-full bg-amber-100 text-amber-800">
        <WifiOff className="size-6" aria-hidden="true" />
      </div>
      <h1 className="text-xl font-semibold text-slate-900">You&apos;re offline</h1>
      <p className="text-sm text-slate-600">
        This page hasn&apos;t been saved on this device yet. Pages and projects you opened before are still
        available — go back, or try again when you&apos;re connected.
      </p>
      <a
        href="/"
        className="inline-flex min-h-11 items-center rounded-lg bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        Try again
      </a>
    </main>
  );
}
