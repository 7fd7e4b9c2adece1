import { cn } from "@/lib/cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/80", className)} />;
}

/** Announces loading to screen readers while skeletons show. */
export function LoadingRegion({
  label,
  children,
  className,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/**
 * A page while it loads (a route's loading.tsx): the page container, the title and description lines at
 * their real heights, then the page's own body shape (`children`). Announced as busy.
 */
export function PageSkeleton({
  label,
  className,
  children,
}: {
  label: string;
  /** The page's width (max-w-*). */
  className: string;
  children: React.ReactNode;
}) {
  return (
    <LoadingRegion
      label={label}
      className={cn("mx-auto w-full px-4 py-6 sm:px-6 lg:px-8 lg:py-8", className)}
    >
      <Skeleton className="h-8 w-56" />
      <Skeleton className="mt-1 h-5 w-40" />
      <div className="mt-6">{children}</div>
    </LoadingRegion>
  );
}

/** Blocks one under the other (a page's sections); `blocks` are each block's size classes. */
export function SkeletonStack({ blocks, className = "gap-6" }: { blocks: string[]; className?: string }) {
  return (
    <div className={cn("flex flex-col", className)}>
      {blocks.map((b, i) => (
        <Skeleton key={i} className={b} />
      ))}
    </div>
  );
}

/**
 * A grid of cards (a list of cards' shape): `count` cards, each with the text lines `lines` (their size
 * and spacing classes). `className` sets the grid's columns and `cardClassName` the card's padding.
 */
export function CardGridSkeleton({
  lines,
  className,
  cardClassName,
  count = 3,
}: {
  lines: string[];
  className: string;
  cardClassName: string;
  count?: number;
}) {
  return (
    <div className={cn("grid gap-4", className)}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={cn("rounded-xl border border-slate-200 bg-white", cardClassName)}>
          {lines.map((l, j) => (
            <Skeleton key={j} className={l} />
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * Collapsible groups of rows (a grouped list's shape): one group a header bar, with `groups[i]` rows under
 * it; a row holds the cells `cells` (their size classes). `className` sets the gap between groups.
 */
export function GroupedRowsSkeleton({
  groups,
  cells,
  className,
}: {
  groups: number[];
  cells: string[];
  className: string;
}) {
  return (
    <div className={cn("flex flex-col", className)}>
      {groups.map((rows, i) => (
        <div key={i} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
          <Skeleton className="h-12 rounded-none" />
          {Array.from({ length: rows }, (_, j) => (
            <div key={j} className="flex items-center gap-3 border-t border-slate-100 px-4 py-3">
              {cells.map((c, k) => (
                <Skeleton key={k} className={c} />
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
