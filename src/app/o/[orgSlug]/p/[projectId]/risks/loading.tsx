import { SkeletonStack } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the risk register">
      <SkeletonStack blocks={["h-24 rounded-xl", "h-72 rounded-xl", "h-64 rounded-xl"]} />
    </ViewSkeleton>
  );
}
