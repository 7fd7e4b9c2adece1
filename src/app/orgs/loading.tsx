import { PageContainer } from "@/components/page-header";
import { StandalonePage } from "@/components/standalone-page";
import { LoadingRegion, Skeleton, SkeletonStack } from "@/components/ui/skeleton";

/** The organization list while it loads: the page's bar, title row and rows. */
export default function Loading() {
  return (
    <StandalonePage>
      <PageContainer className="max-w-3xl">
        <LoadingRegion label="Loading organizations">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="mt-1 h-5 w-full max-w-sm" />
          <SkeletonStack className="mt-6 gap-3" blocks={Array<string>(2).fill("h-16 w-full rounded-xl")} />
        </LoadingRegion>
      </PageContainer>
    </StandalonePage>
  );
}
