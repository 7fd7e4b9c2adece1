import { PageSkeleton, SkeletonStack } from "@/components/ui/skeleton";

/** An org settings page while it loads: the title row and a list of rows. */
export default function Loading() {
  return (
    <PageSkeleton label="Loading" className="max-w-4xl">
      <SkeletonStack className="gap-2" blocks={Array<string>(3).fill("h-16 w-full rounded-xl")} />
    </PageSkeleton>
  );
}
