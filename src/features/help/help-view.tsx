"use client";

import { RotateCcw, Search, SearchX } from "lucide-react";
import { useMemo, useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { useAppSession } from "@/lib/use-app-session";
import { helpSections } from "./help-sections";
import { SHORTCUTS, ShortcutsSection } from "./help-shortcuts";
import { restartTour } from "./tour";

export function HelpView({ orgSlug }: { orgSlug: string }) {
  const { user } = useAppSession();
  const [q, setQ] = useState("");
  const all = useMemo(() => helpSections(), []);
  const term = q.trim().toLowerCase();
  const shortcutsMatch =
    !term ||
    "keyboard shortcuts keys".includes(term) ||
    SHORTCUTS.some((s) => `${s.action} ${s.where} ${s.keys.join(" ")}`.toLowerCase().includes(term));
  const shown = all.filter((s) => !term || `${s.title} ${s.text}`.toLowerCase().includes(term));
  void orgSlug;

  return (
    <PageContainer className="max-w-4xl">
      <PageHeader
        title="Help"
        description="How braidMgr works, the keyboard shortcuts, and a quick tour."
        actions={
          <Button variant="secondary" onClick={() => restartTour(user?.id)}>
            <RotateCcw className="size-4" aria-hidden="true" />
            Restart the tour
          </Button>
        }
      />
      <div role="search" className="relative mt-6">
        <label htmlFor="help-search" className="sr-only">
          Search help
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
          aria-hidden="true"
        />
        <Input
          id="help-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search help (e.g. indicators, budget, roles)"
          className="pl-9"
        />
      </div>
      <p className="sr-only" aria-live="polite">
        {term ? `${shown.length + (shortcutsMatch ? 1 : 0)} help sections match` : ""}
      </p>

      {!term && (
        <nav aria-label="Help contents" className="mt-4 flex flex-wrap gap-2">
          {[...all, { id: "shortcuts", title: "Keyboard shortcuts" }].map((s) => (
            <a
              key={s.id}
              href={`#${s.id}`}
              className="rounded-full bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              {s.title}
            </a>
          ))}
        </nav>
      )}

      <div className="mt-6 flex flex-col gap-4">
        {shown.map((s) => (
          <section
            key={s.id}
            id={s.id}
            aria-labelledby={`${s.id}-h`}
            className="scroll-mt-20 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
          >
            <h2 id={`${s.id}-h`} className="text-lg font-semibold text-slate-900">
              {s.title}
            </h2>
            <div className="mt-2 space-y-3 text-sm leading-relaxed text-slate-700">{s.body}</div>
          </section>
        ))}

        {shortcutsMatch && <ShortcutsSection />}

        {shown.length === 0 && !shortcutsMatch && (
          <EmptyState icon={SearchX} title="No help topics match">
            Try another word, or{" "}
            <button type="button" className="font-medium text-blue-700 underline" onClick={() => setQ("")}>
              clear the search
            </button>
            .
          </EmptyState>
        )}
      </div>
    </PageContainer>
  );
}
