import { SkeletonStack } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the project settings" className="max-w-3xl">
      <SkeletonStack blocks={["h-64 rounded-xl", "h-48 rounded-xl"]} />
    </ViewSkeleton>
  );
}
