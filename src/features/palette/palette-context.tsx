"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { isTypingTarget } from "@/features/shell/theme";
import { useMounted } from "@/features/shell/use-mounted";
import { CommandPalette } from "./command-palette";

/** What the project assistant lends the palette while it is mounted (project pages only). */
export type AssistantActions = {
  askAI: (question: string) => void;
  pasteNotes: () => void;
};

type PaletteApi = {
  openPalette: () => void;
  setAssistant: (a: AssistantActions | null) => void;
};

const PaletteContext = createContext<PaletteApi | null>(null);

/** Opens the palette (the header trigger). Outside a provider: a no-op. */
export function useOpenPalette(): () => void {
  return useContext(PaletteContext)?.openPalette ?? noop;
}
const noop = () => {};

/** The project assistant registers "Ask AI" and "Paste meeting notes…" while it is mounted. */
export function useAssistantInPalette(actions: AssistantActions) {
  const setAssistant = useContext(PaletteContext)?.setAssistant;
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (!setAssistant) return;
    setAssistant({ askAI: (q) => ref.current.askAI(q), pasteNotes: () => ref.current.pasteNotes() });
    return () => setAssistant(null);
  }, [setAssistant]);
}

/**
 * The ⌘K / Ctrl+K command palette on every signed-in page: mount once around
 * the page with the current org and project (either may be absent, e.g. on
 * the profile page). "/" opens it too (outside text fields and dialogs).
 */
export function PaletteProvider({
  orgSlug,
  projectId,
  children,
}: {
  orgSlug?: string;
  projectId?: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [assistant, setAssistant] = useState<AssistantActions | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const mounted = useMounted();

  const openPalette = useCallback(() => {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setOpen(true);
  }, []);
  const close = useCallback((restoreFocus = true) => {
    setOpen(false);
    const el = opener.current;
    opener.current = null;
    // Give focus back to whatever had it (after the dialog has closed).
    if (restoreFocus && el) requestAnimationFrame(() => document.contains(el) && el.focus());
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = e.key.toLowerCase();
      if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && k === "k") {
        e.preventDefault();
        if (document.querySelector("dialog[data-palette][open]")) close();
        else openPalette();
        return;
      }
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (isTypingTarget(e.target) || document.querySelector("dialog[open]")) return;
      e.preventDefault();
      openPalette();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openPalette, close]);

  const api = useMemo(() => ({ openPalette, setAssistant }), [openPalette]);
  return (
    <PaletteContext.Provider value={api}>
      {children}
      {mounted && (
        <CommandPalette
          open={open}
          onClose={close}
          orgSlug={orgSlug}
          projectId={projectId}
          assistant={assistant}
        />
      )}
    </PaletteContext.Provider>
  );
}
