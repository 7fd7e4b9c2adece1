"use client";

import { useCallback } from "react";
import { api } from "@/trpc/react";

/** After any budget change: the budget queries and the dashboard's budget card are stale. */
export function useBudgetRefresh(orgSlug: string, projectId: string) {
  const utils = api.useUtils();
  return useCallback(
    () =>
      Promise.all([
        utils.budget.invalidate(),
        utils.project.dashboard.invalidate({ orgSlug, projectId }),
      ]).then(() => undefined),
    [utils, orgSlug, projectId],
  );
}
