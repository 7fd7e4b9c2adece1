import { ListChecks } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** The action of an empty item page: to All items, where items are added or imported. */
export function GoToAllItems({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  return (
    <Link href={`/o/${orgSlug}/p/${projectId}`} className={buttonClasses("primary")}>
      <ListChecks className="size-4" aria-hidden="true" />
      Go to All items
    </Link>
  );
}
