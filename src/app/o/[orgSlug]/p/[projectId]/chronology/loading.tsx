import { Skeleton } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the chronology">
      <div className="flex flex-col gap-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
            <Skeleton className="h-12 rounded-none" />
            {i === 2 &&
              Array.from({ length: 4 }, (_, j) => (
                <div key={j} className="flex items-center gap-3 border-t border-slate-100 px-4 py-3">
                  <Skeleton className="h-8 w-10" />
                  <Skeleton className="size-7" />
                  <Skeleton className="h-4 flex-1" />
                </div>
              ))}
          </div>
        ))}
      </div>
    </ViewSkeleton>
  );
}
