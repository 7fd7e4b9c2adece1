import { Skeleton } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading active items">
      <div className="flex flex-col gap-4">
        {[5, 3, 4, 2].map((n, i) => (
          <div key={i} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
            <Skeleton className="h-12 rounded-none" />
            {Array.from({ length: n }, (_, j) => (
              <div key={j} className="flex items-center gap-3 border-t border-slate-100 px-4 py-3">
                <Skeleton className="size-7" />
                <Skeleton className="h-4 flex-1" />
                <Skeleton className="h-5 w-24 rounded-full max-sm:hidden" />
              </div>
            ))}
          </div>
        ))}
      </div>
    </ViewSkeleton>
  );
}
