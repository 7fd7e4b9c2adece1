import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** An org page while it loads: the title row and a grid of cards (the project list's shape). */
export default function Loading() {
  return (
    <LoadingRegion label="Loading" className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="mt-1 h-5 w-40" />
      <div className="mt-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="rounded-xl border border-slate-200 bg-white p-5">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="mt-2 h-4 w-1/3" />
            <Skeleton className="mt-6 h-4 w-1/2" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
