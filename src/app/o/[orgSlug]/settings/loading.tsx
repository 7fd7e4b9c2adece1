import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** An org settings page while it loads: the title row and a list of rows. */
export default function Loading() {
  return (
    <LoadingRegion label="Loading" className="mx-auto w-full max-w-4xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="mt-1 h-5 w-40" />
      <div className="mt-6 flex flex-col gap-2">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-16 w-full rounded-xl" />
        ))}
      </div>
    </LoadingRegion>
  );
}
