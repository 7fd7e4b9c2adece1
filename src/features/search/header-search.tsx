"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export const HEADER_SEARCH_ID = "global-search-input";

/** The header search box: Enter opens the search results page. On phones, an icon link. */
export function HeaderSearch({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const onSearchPage = pathname === `/o/${orgSlug}/search`;
  const urlQ = onSearchPage ? (searchParams.get("q") ?? "") : "";
  const [q, setQ] = useState(urlQ);
  const input = useRef<HTMLInputElement>(null);
  const [prevUrlQ, setPrevUrlQ] = useState(urlQ);
  if (urlQ !== prevUrlQ) {
    setPrevUrlQ(urlQ);
    setQ(urlQ);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector("dialog[open]")) return;
      const el = input.current;
      if (!el || el.offsetParent === null) {
        e.preventDefault();
        router.push(`/o/${orgSlug}/search`);
        return;
      }
      e.preventDefault();
      el.focus();
      el.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, orgSlug]);

  return (
    <>
      <form
        role="search"
        className="relative mr-1 hidden sm:block"
        onSubmit={(e) => {
          e.preventDefault();
          const term = q.trim();
          router.push(`/o/${orgSlug}/search${term ? `?q=${encodeURIComponent(term)}` : ""}`);
        }}
      >
        <label htmlFor={HEADER_SEARCH_ID} className="sr-only">
          Search all projects
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-500"
          aria-hidden="true"
        />
        <input
          ref={input}
          id={HEADER_SEARCH_ID}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") e.currentTarget.blur();
          }}
          placeholder="Search items…"
          maxLength={200}
          autoComplete="off"
          className="h-9 w-44 rounded-lg border border-slate-300 bg-white pr-8 pl-8 text-sm text-slate-900 placeholder:text-slate-500 focus:border-blue-600 focus:outline-2 focus:outline-blue-600/40 md:w-56 lg:w-72"
        />
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-slate-300 px-1 font-mono text-[11px] text-slate-500"
        >
          /
        </kbd>
      </form>
      <Link
        href={`/o/${orgSlug}/search`}
        className="inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 sm:hidden"
      >
        <Search className="size-5" aria-hidden="true" />
        <span className="sr-only">Search</span>
      </Link>
    </>
  );
}
