"use client";

import { withQueuedEdits } from "@/features/offline/queued-edits";
import { useMyQueuedOps } from "@/features/offline/use-offline-queue";
import { keepPreviousData } from "@tanstack/react-query";
import { FileUp, ListChecks, Plus, SearchX } from "lucide-react";
import { parseAsStringLiteral, useQueryState, useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useOnline } from "@/features/shell/offline";
import { PageContainer, PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-error";
import { RoleBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { can, canEditItem } from "@/domain/permissions";
import { localToday, plural } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import {
  countActiveFilters,
  type ItemFilters,
  NO_FILTERS,
  type SortState,
  toListInput,
} from "@/lib/item-filters";
import {
  itemFilterParsers,
  itemListHref,
  itemListUrlKeys,
  itemSortParsers,
  sortOf,
  sortValues,
} from "@/lib/item-filter-params";
import { errorInfo } from "@/lib/trpc-error";
import { useAppSession } from "@/lib/use-app-session";
import { api } from "@/trpc/react";
import { ItemsCardList } from "./items-card-list";
import { ItemsColumnMenu } from "./items-column-menu";
import { ItemsHeaderActions } from "./items-header-actions";
import { useItemColumns } from "./use-item-columns";
import { ItemEditorDialog } from "./item-editor-dialog";
import { useOpenItem } from "./item-editor-host";
import { ItemFiltersBar } from "./item-filters-bar";
import { type ItemRow, ItemsTable, type QuickEditSupport } from "./items-table";
import { NewItemDialog } from "./new-item-dialog";
import { ImportDialog } from "@/features/projects/import-dialog";
import { useItemDeletedToast } from "./use-item-deleted-toast";
import { ProjectBreadcrumb } from "./view-header";
import { useItemQuickEdit } from "./use-item-quick-edit";
import { historyFor } from "@/lib/url-state";
import { PHONE_MEDIA, useMediaQuery } from "@/lib/use-media-query";

/**
 * The All items view: filters in the URL, the table (cards on a phone), New
 * item and the item editor.
 */
export function ItemsView({ orgSlug, projectId }: { orgSlug: string; projectId: string }) {
  const toast = useToast();

  const [filters, setFilterParams] = useQueryStates(itemFilterParsers, { urlKeys: itemListUrlKeys });
  const [sortParams, setSortParams] = useQueryStates(itemSortParsers);
  const sort = useMemo(() => sortOf(sortParams), [sortParams]);
  const editor = useOpenItem();
  const openItem = editor.itemNum;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  // In the cache from the project layout's prefetch.
  const [project] = api.project.get.useSuspenseQuery({ orgSlug, projectId });
  const listInput = useMemo(
    () => ({ orgSlug, projectId, ...toListInput(filters, sort) }),
    [orgSlug, projectId, filters, sort],
  );
  const list = api.item.list.useInfiniteQuery(listInput, {
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A filter picked on desktop is a history entry (Back restores the previous
  // filters); typing in the search box replaces, so Back is not one step per word.
  const setFilters = useCallback(
    (f: ItemFilters) => {
      const beyondSearch =
        itemListHref("", { ...f, search: "" }) !== itemListHref("", { ...filters, search: "" });
      void setFilterParams(f, { history: historyFor(beyondSearch) });
    },
    [setFilterParams, filters],
  );
  const setSort = useCallback((s: SortState) => void setSortParams(sortValues(s)), [setSortParams]);
  // Opening an item on desktop is a history entry too: Back closes it.
  const { open: openItemEditor, close: closeEditor } = editor;
  const openEditor = useCallback(
    (itemNum: number | null) => (itemNum === null ? closeEditor() : openItemEditor(itemNum)),
    [openItemEditor, closeEditor],
  );

  // This device's unsent edits show on their rows until they are sent.
  const queuedOps = useMyQueuedOps();
  const rows = useMemo(
    () =>
      withQueuedEdits(
        list.data?.pages.flatMap((p) => p.items) ?? [],
        queuedOps,
        { orgSlug, projectId },
        localToday(),
      ),
    [list.data, queuedOps, orgSlug, projectId],
  );
  const total = list.data?.pages[0]?.total ?? 0;
  const workstreams = useMemo(() => project.workstreams.map((w) => w.name), [project]);
  const facets = api.item.facets.useQuery({ orgSlug, projectId });
  const assignees = useMemo(() => {
    const all = new Set([...(facets.data?.assignees ?? []), ...filters.assignees]);
    return [...all].sort((a, b) => a.localeCompare(b));
  }, [facets.data, filters.assignees]);
  const role = project.role;
  const mayCreate = can(role, "item.create");
  // "New item" in the ⌘K palette arrives as ?new=1: open the dialog once the role is known, drop the parameter.
  const [wantsNew, setWantsNew] = useQueryState("new", parseAsStringLiteral(["1"]));
  useEffect(() => {
    if (!wantsNew || !role) return;
    if (mayCreate) setCreating(true);
    void setWantsNew(null);
  }, [wantsNew, role, mayCreate, setWantsNew]);
  const mayManage = can(role, "project.manage");
  const online = useOnline();

  // Quick edits of progress and assignee, for the rows this user may edit.
  const { user } = useAppSession();
  const { save: quickSave, saving: quickSaving } = useItemQuickEdit(listInput);
  const quickEdit = useMemo<QuickEditSupport | undefined>(() => {
    if (!role || !can(role, "item.editOwn") || !online) return undefined;
    const caller = { userId: user?.id ?? null };
    return {
      canEdit: (row: ItemRow) => canEditItem(role, caller, row),
      saving: quickSaving,
      onSave: (row, changes) => void quickSave(row, changes),
      assignees,
    };
  }, [role, online, user?.id, quickSaving, quickSave, assignees]);

  const recalc = api.item.recalculateIndicators.useMutation({
    onSuccess: () => {
      toast.success("Indicators updated", "Every item was re-checked against today's date.");
    },
    onError: (err) => toast.error("Couldn't update indicators", errorInfo(err).message),
  });
  const active = countActiveFilters(filters);
  const phone = useMediaQuery(PHONE_MEDIA);
  const columns = useItemColumns(user?.id, filters.types.length === 1 && filters.types[0] === "Risk");

  const onDeleted = useItemDeletedToast({ orgSlug, projectId });

  // What the phone card list and the desktop table both show and do.
  const listProps = {
    rows,
    loading: list.isPending,
    busy: list.isPlaceholderData,
    hasMore: !!list.hasNextPage,
    fetchingMore: list.isFetchingNextPage,
    loadMoreError: list.isFetchNextPageError,
    onLoadMore: loadMore,
    sort,
    onSort: setSort,
    onOpen: openEditor,
    caption: `Items in ${project.name}`,
  };

  return (
    <PageContainer className="max-w-none lg:px-8">
      <PageHeader
        eyebrow={<ProjectBreadcrumb orgSlug={orgSlug} projectName={project.name} />}
        title="All items"
        description={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            {project.clientName && <span>{project.clientName}</span>}
            <span className="inline-flex items-center gap-1.5">
              Your role <RoleBadge role={project.role} />
            </span>
            {project.indicatorsUpdated && (
              <span>
                Indicators updated <RelativeTime value={project.indicatorsUpdated} />
              </span>
            )}
          </span>
        }
        actions={
          <ItemsHeaderActions
            orgSlug={orgSlug}
            projectId={projectId}
            filters={filters}
            filtered={active > 0}
            mayManage={mayManage}
            mayCreate={mayCreate}
            online={online}
            recalculating={recalc.isPending}
            onRecalculate={() => recalc.mutate({ orgSlug, projectId })}
            onNew={() => setCreating(true)}
          />
        }
      />

      <div className="mt-6 flex flex-col gap-4">
        <ItemFiltersBar
          filters={filters}
          workstreams={workstreams}
          assignees={assignees}
          onChange={setFilters}
        />

        {list.isError && !list.data ? (
          <QueryError what="items" error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.isPending && total === 0 ? (
          active > 0 ? (
            <EmptyState
              icon={SearchX}
              title="No items match these filters"
              action={
                <Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
                  Clear all filters
                </Button>
              }
            >
              <p>Try fewer filters or a different search.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={ListChecks}
              title="No items yet"
              action={
                (mayCreate || mayManage) && (
                  <div className="flex flex-wrap justify-center gap-2">
                    {mayCreate && (
                      <Button onClick={() => setCreating(true)}>
                        <Plus className="size-4" aria-hidden="true" />
                        New item
                      </Button>
                    )}
                    {mayManage && (
                      <Button
                        variant="secondary"
                        onClick={() => setImporting(true)}
                        className={importing ? "invisible" : undefined}
                      >
                        <FileUp className="size-4" aria-hidden="true" />
                        Import a RAID log
                      </Button>
                    )}
                  </div>
                )
              }
            >
              <p>
                Log the project&apos;s risks, action items, issues, decisions, deliverables, plan items and
                budget lines here. Give an item dates and progress and braidMgr works out whether it is on
                track.
              </p>
            </EmptyState>
          )
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm text-slate-700" aria-live="polite" data-testid="items-count">
                {list.isPending ? (
                  <span>Loading items…</span>
                ) : (
                  <>
                    Showing{" "}
                    <span className="font-medium text-slate-900">{rows.length.toLocaleString("en")}</span> of{" "}
                    {plural(total, "item")}
                    {active > 0 && " matching the filters"}
                    {list.isFetchingNextPage ? (
                      <span className="text-slate-500"> · loading more…</span>
                    ) : (
                      list.isFetching && <span className="text-slate-500"> · updating…</span>
                    )}
                  </>
                )}
              </p>
              {!phone && <ItemsColumnMenu visible={columns.visible} onChange={columns.setVisible} />}
            </div>
            {phone ? (
              <ItemsCardList {...listProps} />
            ) : (
              <ItemsTable
                {...listProps}
                total={total}
                quickEdit={quickEdit}
                resetKey={JSON.stringify(toListInput(filters, sort))}
                columns={columns.visible}
              />
            )}
          </>
        )}
      </div>

      {role && (
        <>
          <NewItemDialog
            orgSlug={orgSlug}
            projectId={projectId}
            open={creating}
            onClose={() => setCreating(false)}
            onOpenItem={(n) => openEditor(n)}
            defaults={{
              type: filters.types.length === 1 ? filters.types[0] : "",
              workstream: filters.workstreams.length === 1 ? filters.workstreams[0] : "",
            }}
            workstreams={workstreams}
            assignees={assignees}
          />
          <ItemEditorDialog
            orgSlug={orgSlug}
            projectId={projectId}
            itemNum={openItem}
            role={role}
            workstreams={workstreams}
            assignees={assignees}
            onClose={() => openEditor(null)}
            onReopen={openEditor}
            onDeleted={onDeleted}
          />
          {mayManage && (
            <ImportDialog
              orgSlug={orgSlug}
              open={importing}
              onClose={() => setImporting(false)}
              into={{ projectId, name: project.name }}
            />
          )}
        </>
      )}
    </PageContainer>
  );
}
