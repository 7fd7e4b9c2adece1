"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => undefined;

/** False during SSR and hydration, true after: for what may only render in the browser. */
export function useMounted(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
