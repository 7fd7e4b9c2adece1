"use client";

import { Search } from "lucide-react";
import { useOpenPalette } from "@/features/palette/palette-context";

/**
 * The header search: opens the ⌘K palette (search across projects, jump to
 * pages and projects, commands). A search-box look on wider screens, an icon
 * button on phones. The full results page stays at /o/[org]/search.
 */
export function HeaderSearch() {
  const openPalette = useOpenPalette();
  return (
    <>
      <button
        type="button"
        onClick={openPalette}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K /"
        data-testid="palette-trigger"
        className="mr-1 hidden h-9 w-44 items-center gap-2 rounded-lg border border-slate-300 bg-white pr-2 pl-2.5 text-left text-sm text-slate-600 hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-blue-600 sm:flex md:w-56 lg:w-72"
      >
        <Search className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        <span className="min-w-0 flex-1 truncate">Search or jump to…</span>
        <kbd
          aria-hidden="true"
          className="rounded border border-slate-300 px-1 font-mono text-[11px] text-slate-500"
        >
          Ctrl K
        </kbd>
      </button>
      <button
        type="button"
        onClick={openPalette}
        aria-haspopup="dialog"
        data-testid="palette-trigger-phone"
        className="inline-flex size-11 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 sm:hidden"
      >
        <Search className="size-5" aria-hidden="true" />
        <span className="sr-only">Search or jump to…</span>
      </button>
    </>
  );
}
