"use client";

import { ErrorMessage, type ErrorBoundaryProps } from "@/components/error-message";

export default function ErrorPage(props: ErrorBoundaryProps) {
  return (
    <main
      id="main"
      className="flex min-h-[60dvh] flex-col items-center justify-center px-4 py-16 text-center"
    >
      <title>Something went wrong · braidMgr</title>
      <ErrorMessage {...props} />
    </main>
  );
}
