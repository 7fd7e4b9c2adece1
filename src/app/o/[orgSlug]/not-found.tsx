import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-blue-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">We can&apos;t find that</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        The project or item may have been removed, or you may not have access to it.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to my projects
      </Link>
    </div>
  );
}
