import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** A portfolio while it loads: back link, title, the severity counts, budget and projects. */
export default function Loading() {
  return (
    <LoadingRegion
      label="Loading portfolio"
      className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8"
    >
      <Skeleton className="h-4 w-24" />
      <Skeleton className="mt-3 h-7 w-64" />
      <div className="mt-6 grid grid-cols-2 gap-3 lg:grid-cols-5">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} className="h-24 rounded-xl" />
        ))}
      </div>
      <Skeleton className="mt-6 h-28 rounded-xl" />
      <Skeleton className="mt-6 h-48 rounded-xl" />
    </LoadingRegion>
  );
}
