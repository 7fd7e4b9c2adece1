"use client";

import { Ellipsis, Plus, RefreshCw } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Popover, popoverItemClasses } from "@/components/ui/popover";
import { OFFLINE_HINT } from "@/features/shell/offline";
import { type ItemFilters } from "@/lib/item-filters";
import { ExportMenu, ExportPanel } from "./export-menu";

/**
 * The All items header actions: Export, Update indicators and New item side by
 * side on a desktop; on a phone New item stays in reach and the rest folds
 * into a "⋯" menu, so the header does not wrap into rows of buttons.
 *
 * Both variants are rendered and CSS picks one (below `sm` the "⋯" menu), so the
 * server's first paint is already right at either size; the hidden one is
 * display:none, out of the accessibility tree.
 */
export function ItemsHeaderActions({
  orgSlug,
  projectId,
  filters,
  filtered,
  mayManage,
  mayCreate,
  online,
  recalculating,
  onRecalculate,
  onNew,
}: {
  orgSlug: string;
  projectId: string;
  filters: ItemFilters;
  filtered: boolean;
  mayManage: boolean;
  mayCreate: boolean;
  online: boolean;
  recalculating: boolean;
  onRecalculate: () => void;
  onNew: () => void;
}) {
  return (
    <>
      {/* "⋯" first: the actions start at the left edge on a phone, so its menu opens rightwards on screen. */}
      <div className="contents sm:hidden">
        <Popover
          align="start"
          triggerLabel="More actions"
          triggerClassName={buttonClasses("secondary", "md", "min-w-11")}
          trigger={<Ellipsis className="size-5" aria-hidden="true" />}
          panelClassName="w-[min(20rem,calc(100vw-2rem))] p-2"
        >
          {(close) => (
            <div className="flex flex-col gap-1">
              {mayManage && (
                <>
                  <button
                    type="button"
                    className={popoverItemClasses}
                    disabled={!online || recalculating}
                    onClick={() => {
                      onRecalculate();
                      close();
                    }}
                  >
                    <RefreshCw className="size-4 text-slate-600" aria-hidden="true" />
                    {online ? "Update indicators" : `Update indicators (${OFFLINE_HINT})`}
                  </button>
                  <hr className="my-1 border-slate-200" />
                </>
              )}
              <p className="px-2 text-sm font-semibold text-slate-900">Export</p>
              <ExportPanel
                orgSlug={orgSlug}
                projectId={projectId}
                filters={filters}
                filtered={filtered}
                close={close}
              />
            </div>
          )}
        </Popover>
      </div>
      <div className="contents max-sm:hidden">
        <ExportMenu orgSlug={orgSlug} projectId={projectId} filters={filters} filtered={filtered} />
        {mayManage && (
          <Button
            variant="secondary"
            loading={recalculating}
            disabled={!online}
            title={online ? undefined : OFFLINE_HINT}
            onClick={onRecalculate}
          >
            {!recalculating && <RefreshCw className="size-4" aria-hidden="true" />}
            Update indicators
          </Button>
        )}
      </div>
      {mayCreate && (
        <Button
          onClick={onNew}
          title={online ? undefined : "Offline: the new item is kept on this device and sent later"}
        >
          <Plus className="size-4" aria-hidden="true" />
          New item
        </Button>
      )}
    </>
  );
}
