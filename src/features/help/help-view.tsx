"use client";

import { RotateCcw, SearchX } from "lucide-react";
import { useMemo, useState } from "react";
import { PageContainer, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/field";
import { useAppSession } from "@/lib/use-app-session";
import { HelpSection } from "./help-section";
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
      <div role="search" className="mt-6">
        <SearchInput
          id="help-search"
          label="Search help"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search help (e.g. indicators, budget, roles)"
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
          <HelpSection key={s.id} id={s.id} title={s.title}>
            <div className="mt-2 space-y-3 text-sm leading-relaxed text-slate-700">{s.body}</div>
          </HelpSection>
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
