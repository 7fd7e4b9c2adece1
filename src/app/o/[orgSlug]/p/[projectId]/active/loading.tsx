import { GroupedRowsSkeleton } from "@/components/ui/skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading active items">
      <GroupedRowsSkeleton
        className="gap-4"
        groups={[5, 3, 4, 2]}
        cells={["size-7", "h-4 flex-1", "h-5 w-24 rounded-full max-sm:hidden"]}
      />
    </ViewSkeleton>
  );
}
