"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { errorInfo } from "@/lib/trpc-error";

/** What Next.js gives an error boundary. */
export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/**
 * An error boundary's message: it went wrong, the reference to quote (the request's
 * correlation id when a query failed in the browser, else the server's digest), and Try
 * again. Logs the error.
 */
export function ErrorMessage({ error, reset }: ErrorBoundaryProps) {
  const router = useRouter();
  const queries = useQueryErrorResetBoundary();
  const [retrying, startRetry] = useTransition();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const reference = errorInfo(error).correlationId ?? error.digest;

  function retry() {
    // Failed suspense queries fetch again when the page renders again (they stay failed otherwise),
    // and the server components run again (a failure on the server is in the page's payload).
    queries.reset();
    startRetry(() => {
      router.refresh();
      reset();
    });
  }

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        The page could not be shown. Try again; if it keeps happening, report it
        {reference ? (
          <>
            {" "}
            and quote reference <span className="font-mono">{reference}</span>
          </>
        ) : null}
        .
      </p>
      <Button className="mt-6" onClick={retry} loading={retrying}>
        Try again
      </Button>
    </>
  );
}
