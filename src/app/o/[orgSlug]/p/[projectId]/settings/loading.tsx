import { Skeleton } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the project settings" className="max-w-3xl">
      <div className="flex flex-col gap-6">
        <Skeleton className="h-64 rounded-xl" />
        <Skeleton className="h-48 rounded-xl" />
      </div>
    </ViewSkeleton>
  );
}
