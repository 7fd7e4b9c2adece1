import { ViewSkeleton } from "@/features/project-pages/view-skeleton";
import { TimelineSkeleton } from "@/features/timeline/timeline-legend";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the timeline" className="max-w-none">
      <TimelineSkeleton />
    </ViewSkeleton>
  );
}
