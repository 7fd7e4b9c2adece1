"use client";

import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/cn";
import type { ItemListProps } from "./items-table";

/**
 * Infinite scroll for the All items table and the phone's card list: whether the next page may be
 * asked for once the end of the loaded rows is near. Not while one is on its way, while the results
 * are being replaced (first load, new filters or sort), nor after the last page failed ("Try again"
 * asks then).
 */
export const mayLoadMore = ({
  hasMore,
  fetchingMore,
  busy,
  loadMoreError,
  loading,
}: ItemListProps): boolean => hasMore && !fetchingMore && !busy && !loadMoreError && !loading;

/** A text button in the list's end row ("Try again", "Show more items"). */
export const loadMoreButtonClasses = "rounded font-medium text-blue-700 underline-offset-4 hover:underline";

/** The end of the list while the next page loads, or after it failed (with "Try again"). */
export function LoadMoreStatus({
  error,
  onRetry,
  buttonClassName,
}: {
  error: boolean;
  onRetry: () => void;
  buttonClassName?: string;
}) {
  return error ? (
    <>
      Couldn&apos;t load more items.
      <button type="button" onClick={onRetry} className={cn(loadMoreButtonClasses, buttonClassName)}>
        Try again
      </button>
    </>
  ) : (
    <>
      <LoaderCircle className="size-4 animate-spin text-blue-700" aria-hidden="true" />
      Loading more items…
    </>
  );
}
