import { CardGridSkeleton, PageSkeleton } from "@/components/ui/skeleton";

/** An org page while it loads: the title row and a grid of cards (the project and portfolio lists). */
export default function Loading() {
  return (
    <PageSkeleton label="Loading" className="max-w-7xl">
      <CardGridSkeleton
        className="sm:grid-cols-2 xl:grid-cols-3"
        cardClassName="p-5"
        lines={["h-5 w-2/3", "mt-2 h-4 w-1/3", "mt-6 h-4 w-1/2"]}
      />
    </PageSkeleton>
  );
}
