import { GroupedRowsSkeleton } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

/** Six months, the third (the current one) open. */
export default function Loading() {
  return (
    <ViewSkeleton label="Loading the chronology">
      <GroupedRowsSkeleton
        className="gap-3"
        groups={[0, 0, 4, 0, 0, 0]}
        cells={["h-8 w-10", "size-7", "h-4 flex-1"]}
      />
    </ViewSkeleton>
  );
}
