import { PageContainer } from "@/components/page-header";
import { StandalonePage } from "@/components/standalone-page";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** The profile while it loads: the page's bar, title row and sections. */
export default function Loading() {
  return (
    <StandalonePage withNotifications>
      <PageContainer className="max-w-2xl">
        <LoadingRegion label="Loading your profile">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="mt-1 h-5 w-full max-w-sm" />
          <div className="mt-6 flex flex-col gap-6">
            <Skeleton className="h-64 w-full rounded-2xl" />
            <Skeleton className="h-48 w-full rounded-2xl" />
          </div>
        </LoadingRegion>
      </PageContainer>
    </StandalonePage>
  );
}
