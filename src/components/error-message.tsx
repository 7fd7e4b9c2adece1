"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** What Next.js gives an error boundary. */
export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** An error boundary's message: it went wrong, the reference to quote, and Try again. Logs the error. */
export function ErrorMessage({ error, reset }: ErrorBoundaryProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        The page could not be shown. Try again; if it keeps happening, report it
        {error.digest ? ` and quote reference ${error.digest}` : ""}.
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </>
  );
}
