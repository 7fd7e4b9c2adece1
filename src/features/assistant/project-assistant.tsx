"use client";

import { Sparkles } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { cn } from "@/lib/cn";
import { ChatDrawer } from "./chat-drawer";
import type { AssistantScope } from "./chat-parts";
import { useAssistantInPalette } from "@/features/palette/palette-context";

/**
 * The AI assistant for a project page: a floating "Ask AI" button and the chat
 * drawer (a full-screen sheet on phones). While mounted it lends the ⌘K
 * palette "Ask AI: …" and "Paste meeting notes…". Mount once per project
 * page, inside the tRPC provider and the palette provider:
 *
 *   <ProjectAssistant orgSlug={orgSlug} projectId={projectId} onOpenItem={(n) => openEditor(n)} />
 */
export function ProjectAssistant({ orgSlug, projectId, onOpenItem }: AssistantScope) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [notesRequest, setNotesRequest] = useState(0);

  useAssistantInPalette({
    askAI: (q) => {
      setPending(q);
      setDrawerOpen(true);
    },
    pasteNotes: () => {
      setNotesRequest((n) => n + 1);
      setDrawerOpen(true);
    },
  });

  // The button shrinks to its icon once the page scrolls, so it covers less of what is under it.
  const [compact, setCompact] = useState(false);
  useEffect(() => {
    const onScroll = () => setCompact(window.scrollY > 80);
    onScroll();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);

  const takePending = useCallback(() => setPending(null), []);

  return (
    <>
      {!drawerOpen && (
        <button
          type="button"
          onClick={() => setDrawerOpen(true)}
          aria-haspopup="dialog"
          aria-label="Ask AI"
          title="Ask AI (or ⌘K / Ctrl+K, then “?”)"
          className={cn(
            "fixed right-4 bottom-[max(1rem,env(safe-area-inset-bottom))] z-30 inline-flex min-h-12 min-w-12 items-center justify-center gap-2 rounded-full bg-blue-700 text-sm font-medium text-white shadow-lg transition-[padding] hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
            compact ? "px-0" : "px-4",
          )}
        >
          <Sparkles className="size-4" aria-hidden="true" />
          {!compact && <span>Ask AI</span>}
        </button>
      )}
      <ChatDrawer
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        orgSlug={orgSlug}
        projectId={projectId}
        onOpenItem={onOpenItem}
        pendingQuestion={pending}
        onPendingQuestionTaken={takePending}
        notesRequest={notesRequest}
      />
    </>
  );
}
