import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

const inter = localFont({ src: "./inter-latin-wght-normal.woff2", variable: "--font-inter", display: "swap" });

export const metadata: Metadata = {
  title: { default: "braidMgr", template: "%s · braidMgr" },
  description: "Budget, Risks, Action items, Issues and Decisions — one live log per project.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1e3a8a" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
