import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main
      id="main"
      className="flex min-h-[60dvh] flex-col items-center justify-center px-4 py-16 text-center"
    >
      <p className="text-sm font-semibold text-blue-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        We can&apos;t find that page
      </h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        It may have moved, or you may not have access to it. Check the address, or start again from your
        projects.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to my projects
      </Link>
    </main>
  );
}
