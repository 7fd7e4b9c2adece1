"use client";

import { Columns3 } from "lucide-react";
import { Checkbox } from "@/components/ui/field";
import { MenuButton } from "@/components/ui/popover";
import { OPTIONAL_COLUMN_LABEL, OPTIONAL_COLUMNS, type OptionalColumn } from "./items-table-columns";

const HINT: Record<OptionalColumn, string> = {
  start: "When the work starts",
  finish: "When the work should finish",
  riskScore: "Probability × impact (risks only)",
  riskOwner: "Who owns the risk (risks only)",
  updatedAt: "When the item last changed",
};

/** The table's "Columns" menu: show or hide the optional columns (remembered for this user). */
export function ItemsColumnMenu({
  visible,
  onChange,
}: {
  visible: Record<OptionalColumn, boolean>;
  onChange: (column: OptionalColumn, show: boolean) => void;
}) {
  return (
    <MenuButton
      icon={Columns3}
      label="Columns"
      size="sm"
      panelClassName="w-[min(18rem,calc(100vw-2rem))] px-3 py-2"
    >
      {() => (
        <fieldset>
          <legend className="pb-1 text-xs text-slate-600">
            Columns to show. Remembered for you in this browser.
          </legend>
          {OPTIONAL_COLUMNS.map((c) => (
            <Checkbox
              key={c}
              label={OPTIONAL_COLUMN_LABEL[c]}
              description={HINT[c]}
              checked={visible[c]}
              onChange={(e) => onChange(c, e.target.checked)}
            />
          ))}
        </fieldset>
      )}
    </MenuButton>
  );
}
