import { cn } from "@/lib/cn";

/** A bordered card of rows, one under the other (members, invitations, organizations). */
export function RowList({ className, ...props }: React.ComponentProps<"ul">) {
  return (
    <ul
      role="list"
      className={cn(
        "divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white",
        className,
      )}
      {...props}
    />
  );
}

/** One row of a RowList: its parts side by side, wrapping on a narrow screen. */
export function RowListItem({ className, ...props }: React.ComponentProps<"li">) {
  return <li className={cn("flex flex-wrap items-center gap-3 px-4 py-3", className)} {...props} />;
}
