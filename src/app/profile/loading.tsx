import { PageContainer } from "@/components/page-header";
import { StandalonePage } from "@/components/standalone-page";
import { LoadingRegion, Skeleton, SkeletonStack } from "@/components/ui/skeleton";

/** The profile while it loads: the page's bar, title row and sections. */
export default function Loading() {
  return (
    <StandalonePage withNotifications>
      <PageContainer className="max-w-2xl">
        <LoadingRegion label="Loading your profile">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="mt-1 h-5 w-full max-w-sm" />
          <SkeletonStack
            className="mt-6 gap-6"
            blocks={["h-64 w-full rounded-2xl", "h-48 w-full rounded-2xl"]}
          />
        </LoadingRegion>
      </PageContainer>
    </StandalonePage>
  );
}
