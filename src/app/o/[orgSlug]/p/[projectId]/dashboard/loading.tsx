import { DashboardSkeleton } from "@/features/dashboard/dashboard-skeleton";
import { ViewSkeleton } from "@/features/project-pages/view-skeleton";

export default function Loading() {
  return (
    <ViewSkeleton label="Loading the dashboard">
      <DashboardSkeleton />
    </ViewSkeleton>
  );
}
