import { ChevronsDownUp, ChevronsUpDown } from "lucide-react";
import { Button } from "./button";

/** Opens or closes every group of a page: "Collapse all" while all are open, else "Expand all". */
export function ExpandAllButton({ allOpen, onClick }: { allOpen: boolean; onClick: () => void }) {
  const Icon = allOpen ? ChevronsDownUp : ChevronsUpDown;
  return (
    <Button variant="secondary" onClick={onClick}>
      <Icon className="size-4" aria-hidden="true" />
      {allOpen ? "Collapse all" : "Expand all"}
    </Button>
  );
}
