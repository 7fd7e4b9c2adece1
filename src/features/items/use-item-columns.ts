"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useMediaQuery } from "@/lib/use-media-query";
import { OPTIONAL_COLUMNS, type OptionalColumn } from "./items-table-columns";

/** What a person chose in the column menu; a column not in it follows its default. */
export type ColumnChoice = Partial<Record<OptionalColumn, boolean>>;

const keyOf = (userId: string) => `braidmgr:items-columns:${userId}`;
const listeners = new Set<() => void>();
let cache: { raw: string | null; value: ColumnChoice } = { raw: null, value: {} };

function read(key: string): ColumnChoice {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    // Storage blocked (private mode): defaults.
  }
  if (raw === cache.raw) return cache.value;
  let value: ColumnChoice = {};
  try {
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    if (parsed && typeof parsed === "object")
      for (const c of OPTIONAL_COLUMNS) {
        const v = (parsed as Record<string, unknown>)[c];
        if (typeof v === "boolean") value[c] = v;
      }
  } catch {
    value = {};
  }
  cache = { raw, value };
  return value;
}

const EMPTY: ColumnChoice = {};

/**
 * Wide enough for Start and Finish beside every other column without the title
 * getting squeezed (the fixed columns then take about 64rem, beside the sidebar).
 * On a laptop they are one click away in the column menu instead.
 */
export const WIDE_TABLE_MEDIA = "(min-width: 1600px)";

/**
 * Which optional columns of All items are shown, remembered per user in this
 * browser (localStorage, keyed by user id). Start and Finish show on wide
 * screens (WIDE_TABLE_MEDIA) unless hidden, elsewhere when asked for; the risk
 * columns show when the list is filtered to risks only, and Updated when asked
 * for, unless the person chose otherwise.
 */
export function useItemColumns(userId: string | null | undefined, risksOnly: boolean) {
  const key = keyOf(userId ?? "anonymous");
  const subscribe = useCallback((onChange: () => void) => {
    listeners.add(onChange);
    window.addEventListener("storage", onChange);
    return () => {
      listeners.delete(onChange);
      window.removeEventListener("storage", onChange);
    };
  }, []);
  const choice = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => EMPTY,
  );
  const wide = useMediaQuery(WIDE_TABLE_MEDIA);
  const visible = useMemo(() => {
    const defaults: Record<OptionalColumn, boolean> = {
      start: wide,
      finish: wide,
      riskScore: risksOnly,
      riskOwner: risksOnly,
      updatedAt: false,
    };
    return Object.fromEntries(OPTIONAL_COLUMNS.map((c) => [c, choice[c] ?? defaults[c]])) as Record<
      OptionalColumn,
      boolean
    >;
  }, [choice, risksOnly, wide]);
  const setVisible = useCallback(
    (column: OptionalColumn, show: boolean) => {
      try {
        window.localStorage.setItem(key, JSON.stringify({ ...read(key), [column]: show }));
      } catch {
        return;
      }
      for (const l of listeners) l();
    },
    [key],
  );
  return { visible, setVisible };
}
