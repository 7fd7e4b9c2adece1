import { SkeletonStack } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading project members" className="max-w-4xl">
      <SkeletonStack className="gap-2" blocks={Array<string>(2).fill("h-16 w-full rounded-xl")} />
    </ViewSkeleton>
  );
}
