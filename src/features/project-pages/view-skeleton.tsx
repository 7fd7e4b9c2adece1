import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";

/**
 * A project page while it loads (a route's loading.tsx): the page container and the header's
 * breadcrumb, title and description lines at their real heights (no jump when the page comes),
 * then the page's own body shape (`children`; two blocks by default). Announced as busy.
 */
export function ViewSkeleton({
  label,
  className,
  children,
}: {
  label: string;
  /** The page's own width, when not the usual (max-w-none for the timeline). */
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <LoadingRegion
      label={label}
      className={cn("mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8", className)}
    >
      <Skeleton className="mb-1 h-5 w-48" />
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-1 h-5 w-full max-w-md" />
      <div className="mt-6">
        {children ?? (
          <div className="flex flex-col gap-6">
            <Skeleton className="h-24 rounded-xl" />
            <Skeleton className="h-96 rounded-xl" />
          </div>
        )}
      </div>
    </LoadingRegion>
  );
}
