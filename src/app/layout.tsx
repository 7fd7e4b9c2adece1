import type { Metadata, Viewport } from "next";
import type { Session } from "next-auth";
import { headers } from "next/headers";
import localFont from "next/font/local";
import { Providers } from "@/components/providers";
import { THEME_COLORS } from "@/features/shell/theme-colors";
import { getAppSession } from "@/server/auth/server-session";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

const inter = localFont({
  src: "./inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "braidMgr", template: "%s · braidMgr" },
  description: "Budget, Risks, Action items, Issues and Decisions — one live log per project.",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // The header's surface in each theme; ThemeProvider repoints these when the user's choice differs from the system.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: THEME_COLORS.light },
    { media: "(prefers-color-scheme: dark)", color: THEME_COLORS.dark },
  ],
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Handing the session to the client avoids a loading flash in the header.
  const session = (await getAppSession()) as unknown as Session | null;
  // This response's CSP nonce (src/proxy.ts): our one inline script, the theme's, must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets class="dark"/"light" and color-scheme on <html> before hydration.
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only z-[70] rounded-lg bg-white px-4 py-2 text-sm font-semibold text-blue-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <Providers session={session} nonce={nonce}>
            {children}
          </Providers>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
