"use client";

import { ClipboardPaste, CornerDownLeft, LoaderCircle, Search, Sparkles } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { api } from "@/trpc/react";

type Option =
  | { kind: "ask"; id: string; question: string }
  | { kind: "notes"; id: string }
  | { kind: "item"; id: string; itemNum: number; title: string; type: string; indicator: string | null };

/**
 * ⌘K / Ctrl+K palette: search this project's items (api.item.list) and jump
 * to one, or switch to "Ask AI" (Tab, or start with "?") to send the text to
 * the assistant drawer.
 */
export function CommandPalette({
  open,
  onClose,
  orgSlug,
  projectId,
  onOpenItem,
  onAskAI,
  onPasteNotes,
}: {
  open: boolean;
  onClose: () => void;
  orgSlug: string;
  projectId: string;
  onOpenItem: (itemNum: number) => void;
  onAskAI: (question: string) => void;
  /** "Paste meeting notes…": opens the assistant drawer in "Draft from notes". */
  onPasteNotes?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [query, setQuery] = useState("");
  const [askMode, setAskMode] = useState(false);
  const [active, setActive] = useState(0);
  const [debounced, setDebounced] = useState("");

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      inputRef.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) {
      setQuery("");
      setAskMode(false);
      setActive(0);
    }
  }, [open]);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query]);

  const asking = askMode || query.startsWith("?");
  const question = (query.startsWith("?") ? query.slice(1) : query).trim();
  const number = /^#?(\d{1,7})$/.exec(debounced)?.[1];
  const search = api.item.list.useQuery(
    { orgSlug, projectId, search: number ? undefined : debounced.slice(0, 200), limit: number ? 500 : 20 },
    { enabled: open && !asking && debounced.length > 0, staleTime: 10_000 },
  );

  const options = useMemo<Option[]>(() => {
    const out: Option[] = [];
    if (!asking && search.data) {
      const items = number
        ? search.data.items.filter((i) => String(i.itemNum).startsWith(number))
        : search.data.items;
      for (const i of items.slice(0, 20)) {
        out.push({
          kind: "item",
          id: `item-${i.itemNum}`,
          itemNum: i.itemNum,
          title: i.title,
          type: i.type,
          indicator: i.indicator,
        });
      }
    }
    if (question) out[asking ? "unshift" : "push"]({ kind: "ask", id: "ask", question });
    const q = query.trim().toLowerCase();
    if (onPasteNotes && !asking && (!q || /^(?:p|pa|pas|past|paste|meet|note|draft)|notes|meeting/.test(q)))
      out.push({ kind: "notes", id: "notes" });
    return out;
  }, [asking, search.data, number, question, query, onPasteNotes]);

  useEffect(() => setActive(0), [options.length, asking]);

  const choose = (o: Option | undefined) => {
    if (!o) return;
    if (o.kind === "ask") onAskAI(o.question);
    else if (o.kind === "notes") onPasteNotes?.();
    else onOpenItem(o.itemNum);
    onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-label="Search items or ask the assistant"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={cn(
        "m-0 h-dvh max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-slate-900/40",
        "sm:mx-auto sm:mt-[12vh] sm:h-auto sm:w-[36rem]",
      )}
    >
      {open && (
        <div className="flex h-full flex-col overflow-hidden bg-white shadow-2xl sm:h-auto sm:max-h-[70vh] sm:rounded-xl">
          <div className="flex items-center gap-2 border-b border-slate-200 px-3">
            {asking ? (
              <Sparkles className="size-5 shrink-0 text-violet-600" aria-hidden="true" />
            ) : (
              <Search className="size-5 shrink-0 text-slate-400" aria-hidden="true" />
            )}
            <input
              ref={inputRef}
              role="combobox"
              aria-expanded={options.length > 0}
              aria-controls={listId}
              aria-activedescendant={options[active] ? `${listId}-${options[active].id}` : undefined}
              aria-label={asking ? "Ask the assistant" : "Search items"}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((a) => Math.max(a - 1, 0));
                } else if (e.key === "Enter") {
                  e.preventDefault();
                  choose(options[active]);
                } else if (e.key === "Tab") {
                  e.preventDefault();
                  setAskMode((m) => !m);
                }
              }}
              placeholder={asking ? "Ask AI about this project…" : "Search items by title, or #number…"}
              className="min-h-14 flex-1 bg-transparent text-base outline-none placeholder:text-slate-400"
            />
            {search.isFetching && !asking && (
              <LoaderCircle className="size-4 animate-spin text-slate-400" aria-hidden="true" />
            )}
            <button
              type="button"
              onClick={() => setAskMode((m) => !m)}
              aria-pressed={asking}
              className={cn(
                "min-h-9 shrink-0 rounded-lg px-2.5 text-xs font-medium ring-1 ring-inset",
                asking
                  ? "bg-violet-600 text-white ring-violet-600"
                  : "text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              Ask AI
            </button>
          </div>
          <ul id={listId} role="listbox" className="min-h-0 flex-1 overflow-y-auto py-1 sm:max-h-[50vh]">
            {options.map((o, i) => (
              <li
                key={o.id}
                id={`${listId}-${o.id}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
                className={cn(
                  "mx-1 flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm",
                  i === active && "bg-slate-100",
                )}
              >
                {o.kind === "notes" ? (
                  <>
                    <ClipboardPaste className="size-4 shrink-0 text-violet-600" aria-hidden="true" />
                    <span className="min-w-0 flex-1 truncate">Paste meeting notes…</span>
                    <span className="shrink-0 text-xs text-slate-500 max-sm:hidden">
                      Draft items from notes
                    </span>
                  </>
                ) : o.kind === "ask" ? (
                  <>
                    <Sparkles className="size-4 shrink-0 text-violet-600" aria-hidden="true" />
                    <span className="min-w-0 flex-1 truncate">
                      Ask AI: <span className="font-medium">{o.question}</span>
                    </span>
                  </>
                ) : (
                  <>
                    <span className="w-10 shrink-0 font-mono text-xs text-slate-500">#{o.itemNum}</span>
                    <span className="min-w-0 flex-1 truncate text-slate-900">{o.title}</span>
                    <span className="shrink-0 text-xs text-slate-500 max-sm:hidden">
                      {o.type}
                      {o.indicator ? ` · ${o.indicator}` : ""}
                    </span>
                  </>
                )}
                {i === active && (
                  <CornerDownLeft className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
                )}
              </li>
            ))}
            {!options.length && (
              <li className="px-4 py-6 text-center text-sm text-slate-500">
                {asking
                  ? "Type a question for the assistant."
                  : debounced && !search.isFetching
                    ? "No items match."
                    : "Type to search items. Tab switches to Ask AI."}
              </li>
            )}
          </ul>
          <div className="flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2 text-[11px] text-slate-500 max-sm:pb-[max(0.5rem,env(safe-area-inset-bottom))]">
            <span>↑↓ to move · Enter to open</span>
            <span>Tab or “?” to ask AI</span>
            <span className="ml-auto">Esc to close</span>
          </div>
        </div>
      )}
    </dialog>
  );
}
