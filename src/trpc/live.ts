"use client";

/**
 * Keeps a project page current: listens to /api/events and invalidates the
 * cached queries when anyone commits a change (debounced). Falls back to
 * react-query's refetch-on-focus when the stream is unavailable.
 */
import { useEffect } from "react";
import { api } from "./react";

export function useLiveProject(orgSlug: string, projectId: string, onChange?: (e: { entityType: string; action: string; actorId: string | null }) => void) {
  const utils = api.useUtils();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/events?org=${encodeURIComponent(orgSlug)}&project=${encodeURIComponent(projectId)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("change", (msg) => {
      const event = JSON.parse((msg as MessageEvent<string>).data) as { entityType: string; action: string; actorId: string | null };
      onChange?.(event);
      clearTimeout(timer);
      timer = setTimeout(() => {
        void utils.item.invalidate();
        void utils.project.invalidate();
        void utils.budget.invalidate();
      }, 300);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [orgSlug, projectId, utils, onChange]);
}
