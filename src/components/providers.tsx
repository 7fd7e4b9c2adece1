"use client";

import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { ThemeProvider } from "@/features/shell/theme";
import { ToastProvider } from "@/components/ui/toast";

export function Providers({
  session,
  nonce,
  children,
}: {
  session: Session | null;
  /** The page's CSP nonce, for the theme's inline script. */
  nonce?: string;
  children: React.ReactNode;
}) {
  return (
    <SessionProvider session={session} refetchOnWindowFocus={false}>
      {/* View state in the URL (useQueryState(s)): see src/lib/url-state.ts. */}
      <NuqsAdapter>
        <ToastProvider>
          <ThemeProvider nonce={nonce}>{children}</ThemeProvider>
        </ToastProvider>
      </NuqsAdapter>
    </SessionProvider>
  );
}
