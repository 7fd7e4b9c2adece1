"use client";

import { Command } from "cmdk";
import {
  CornerDownLeft,
  FileText,
  FolderKanban,
  Hash,
  LoaderCircle,
  type LucideIcon,
  Search,
  Sparkles,
  SquareTerminal,
} from "lucide-react";
import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useSignOut } from "@/features/offline/use-sign-out";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { api } from "@/trpc/react";
import type { AssistantActions } from "./palette-context";
import { staticEntries, type Entry, type PaletteAction } from "./palette-entries";
import { filterEntries, parseItemRef, questionOf, shouldSearch, type PaletteGroup } from "./palette-model";

const ICONS: Record<PaletteGroup, LucideIcon> = {
  "Ask AI": Sparkles,
  Items: Hash,
  Commands: SquareTerminal,
  Pages: FileText,
  Projects: FolderKanban,
};

/**
 * The ⌘K palette (cmdk inside the native-<dialog> modal the UI kit uses):
 * jump to a page or any project of the user's orgs, search items across
 * every visible project (search.query, per org), open `#N` in the current
 * project, New item, Paste meeting notes…, theme, sign out, and "Ask AI: …".
 */
export function CommandPalette({
  open,
  onClose,
  orgSlug,
  projectId,
  assistant,
}: {
  open: boolean;
  onClose: (restoreFocus?: boolean) => void;
  orgSlug?: string;
  projectId?: string;
  assistant: AssistantActions | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const router = useRouter();
  const { setTheme } = useTheme();
  const { toast } = useToast();
  const signOutFlow = useSignOut();
  const [query, setQuery] = useState("");
  const [debounced, setDebounced] = useState("");

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      d.querySelector<HTMLInputElement>("[cmdk-input]")?.focus();
    }
    if (!open && d.open) d.close();
    if (!open) {
      setQuery("");
      setDebounced("");
    }
  }, [open]);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(t);
  }, [query]);

  const orgs = api.org.list.useQuery(undefined, { enabled: open, staleTime: 60_000 });
  const orgList = useMemo(() => orgs.data ?? [], [orgs.data]);
  const projects = api.useQueries((t) =>
    orgList.map((o) => t.project.list({ orgSlug: o.slug }, { enabled: open, staleTime: 60_000 })),
  );
  const searching = open && shouldSearch(debounced);
  const results = api.useQueries((t) =>
    searching ? orgList.map((o) => t.search.query({ orgSlug: o.slug, q: debounced, limit: 8 })) : [],
  );

  const projectsByOrg = orgList.map((org, i) => ({ org, projects: projects[i]?.data ?? [] }));
  const projectName = projectsByOrg
    .find((p) => p.org.slug === orgSlug)
    ?.projects.find((p) => p.id === projectId)?.name;
  const all = staticEntries({ orgSlug, projectId, projectName, hasAssistant: !!assistant, projectsByOrg });

  const trimmed = query.trim();
  const asking = trimmed.startsWith("?");
  const question = questionOf(trimmed);
  const ref_ = orgSlug && projectId ? parseItemRef(trimmed) : null;
  const entries: Entry[] = [];
  const ask: Entry | null =
    assistant && question && ref_ === null
      ? { id: "ask", group: "Ask AI", label: `Ask AI: ${question}`, action: { kind: "ask", question } }
      : null;
  if (ask && asking) entries.push(ask);
  if (!asking) {
    if (ref_ !== null && orgSlug && projectId)
      entries.push({
        id: `open-${ref_}`,
        group: "Items",
        label: `Open item #${ref_}`,
        hint: projectName,
        action: { kind: "item", orgSlug, projectId, itemNum: ref_ },
      });
    if (searching && debounced === trimmed) {
      results.forEach((r, i) => {
        const org = orgList[i];
        if (!org) return;
        for (const g of r.data?.groups ?? [])
          for (const it of g.items)
            entries.push({
              id: `s-${org.slug}-${g.projectId}-${it.itemNum}`,
              group: "Items",
              label: it.title,
              hint: `#${it.itemNum} · ${g.projectName}`,
              action: { kind: "item", orgSlug: org.slug, projectId: g.projectId, itemNum: it.itemNum },
            });
      });
      const home = orgSlug ?? orgList[0]?.slug;
      if (home)
        entries.push({
          id: "search-page",
          group: "Items",
          label: `Search all projects for “${trimmed}”`,
          action: { kind: "search-page", orgSlug: home, q: trimmed },
        });
    }
    entries.push(...filterEntries(all, trimmed, trimmed ? 6 : 8));
    if (ask && ref_ === null) entries.push(ask);
  }
  const loading = searching && results.some((r) => r.isFetching);

  const sections: { group: PaletteGroup; entries: Entry[] }[] = [];
  for (const e of entries) {
    const last = sections.at(-1);
    if (last?.group === e.group) last.entries.push(e);
    else sections.push({ group: e.group, entries: [e] });
  }

  const run = (a: PaletteAction) => {
    // Focus goes back to the opener only when the page stays as it was (theme); otherwise the
    // new page, the item editor or the assistant drawer takes it.
    onClose(a.kind === "theme");
    switch (a.kind) {
      case "href":
        return router.push(a.href);
      case "search-page":
        return router.push(`/o/${a.orgSlug}/search?q=${encodeURIComponent(a.q)}`);
      case "item":
      case "new-item": {
        const itemsPath = `/o/${a.orgSlug}/p/${a.projectId}`;
        // On the items view keep its filters; elsewhere go to the items view.
        const sp = new URLSearchParams(window.location.pathname === itemsPath ? window.location.search : "");
        if (a.kind === "item") sp.set("item", String(a.itemNum));
        else sp.set("new", "1");
        return router.push(`${itemsPath}?${sp}`, { scroll: false });
      }
      case "ask":
        return assistant?.askAI(a.question);
      case "notes":
        return assistant?.pasteNotes();
      case "theme":
        setTheme(a.theme);
        return toast({
          title: a.theme === "system" ? "System theme" : a.theme === "dark" ? "Dark theme" : "Light theme",
          duration: 2000,
        });
      case "sign-out":
        return signOutFlow.signOut();
    }
  };

  return (
    <>
      {signOutFlow.dialog}
      <dialog
        ref={ref}
        data-palette=""
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          onClose();
        }}
        onMouseDown={(e) => {
          if (e.target === ref.current) onClose();
        }}
        className={cn(
          "m-0 h-dvh max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-slate-900/40",
          "sm:mx-auto sm:mt-[12vh] sm:h-auto sm:w-[38rem]",
        )}
      >
        {open && (
          <Command
            label="Search, jump to or run"
            shouldFilter={false}
            loop
            // Ctrl+K closes the palette; no vim-style Ctrl+J/K/N/P moves.
            vimBindings={false}
            className="flex h-full flex-col overflow-hidden bg-white shadow-2xl sm:h-auto sm:max-h-[70vh] sm:rounded-xl"
          >
            <h2 id={titleId} className="sr-only">
              Command palette
            </h2>
            <div className="flex items-center gap-2 border-b border-slate-200 px-3">
              {asking ? (
                <Sparkles className="size-5 shrink-0 text-violet-600" aria-hidden="true" />
              ) : (
                <Search className="size-5 shrink-0 text-slate-500" aria-hidden="true" />
              )}
              <Command.Input
                value={query}
                onValueChange={setQuery}
                maxLength={200}
                placeholder={
                  assistant
                    ? "Search, jump, run a command — or “?” to ask AI…"
                    : "Search, jump or run a command…"
                }
                className="min-h-14 flex-1 bg-transparent text-base text-slate-900 outline-none placeholder:text-slate-500"
              />
              {loading && <LoaderCircle className="size-4 animate-spin text-slate-500" aria-hidden="true" />}
              <button
                type="button"
                onClick={() => onClose()}
                className="min-h-9 shrink-0 rounded-lg px-2.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 sm:hidden"
              >
                Close
              </button>
            </div>
            <Command.List
              label="Results"
              className="min-h-0 flex-1 overflow-y-auto py-1 sm:max-h-[52vh] [&_[cmdk-group-heading]]:px-4 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600"
            >
              {sections.map((s) => {
                const Icon = ICONS[s.group];
                return (
                  <Command.Group key={s.group + s.entries[0]!.id} heading={s.group}>
                    {s.entries.map((e) => (
                      <Command.Item
                        key={e.id}
                        value={e.id}
                        onSelect={() => run(e.action)}
                        className="group mx-1 flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-slate-100"
                      >
                        <Icon
                          className={cn(
                            "size-4 shrink-0",
                            s.group === "Ask AI" ? "text-violet-600" : "text-slate-500",
                          )}
                          aria-hidden="true"
                        />
                        <span className="min-w-0 flex-1 truncate">{e.label}</span>
                        {e.hint && (
                          <span className="max-w-[40%] shrink-0 truncate text-xs text-slate-600">
                            {e.hint}
                          </span>
                        )}
                        <CornerDownLeft
                          className="hidden size-4 shrink-0 text-slate-500 group-data-[selected=true]:block"
                          aria-hidden="true"
                        />
                      </Command.Item>
                    ))}
                  </Command.Group>
                );
              })}
              <Command.Empty className="px-4 py-6 text-center text-sm text-slate-600">
                {loading ? "Searching…" : "Nothing matches."}
              </Command.Empty>
            </Command.List>
            <div className="flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2 text-[11px] text-slate-600 max-sm:pb-[max(0.5rem,env(safe-area-inset-bottom))]">
              <span>↑↓ to move · Enter to choose</span>
              <span>#12 opens item 12{assistant ? " · “?” asks AI" : ""}</span>
              <span className="ml-auto">Esc to close</span>
            </div>
          </Command>
        )}
      </dialog>
    </>
  );
}
