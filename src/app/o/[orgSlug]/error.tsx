"use client";

import { useEffect } from "react";
import { ErrorMessage, type ErrorBoundaryProps } from "@/components/error-message";

export default function ErrorPage(props: ErrorBoundaryProps) {
  useEffect(() => {
    // Error boundaries are client components (no metadata export); the page's own title would be misleading.
    document.title = "Something went wrong · braidMgr";
  }, [props.error]);
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center px-4 py-16 text-center">
      <ErrorMessage {...props} />
    </div>
  );
}
