"use client";

/**
 * Keeps a project page current: follows the `project.onChange` subscription
 * (Server-Sent Events through tRPC's httpSubscriptionLink) and invalidates
 * the cached queries when anyone commits a change, or when changes may have
 * been missed (`resync`: the server's database connection came back, or this
 * client reconnected). Debounced, so a burst of changes refetches once.
 * The stream ends when the session or the access to the project lapses;
 * react-query's refetch-on-focus still applies.
 */
import { useEffect, useRef } from "react";
import { api } from "./react";

export function useLiveProject(orgSlug: string, projectId: string) {
  const utils = api.useUtils();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  api.project.onChange.useSubscription(
    { orgSlug, projectId },
    {
      onData: ({ data }) => {
        if (data.type === "ready") return;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          void utils.item.invalidate();
          void utils.project.invalidate();
          void utils.budget.invalidate();
        }, 300);
      },
    },
  );
}
