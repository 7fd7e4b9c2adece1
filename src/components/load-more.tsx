"use client";

import { Button } from "@/components/ui/button";

/** Under a paged list: "Load more" while there are more pages, then how many entries there are. */
export function LoadMore({
  query,
  count,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  /** Entries shown so far. */
  count: number;
}) {
  return (
    <div className="mt-4 flex justify-center">
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          Load more
        </Button>
      ) : (
        <p className="text-sm text-slate-600">That&apos;s everything ({count} entries).</p>
      )}
    </div>
  );
}
