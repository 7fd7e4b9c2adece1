"use client";

import { PageContainer } from "@/components/page-header";
import { ItemEditorHost, type useOpenItem } from "@/features/items/item-editor-host";
import { ViewHeader } from "@/features/items/view-header";

/**
 * A project page that shows items (active items, chronology, dashboard, risks, timeline): the page, headed
 * by its ViewHeader when `title` is given, with the item editor that opens over it when an item is picked
 * (`editor`, from useOpenItem).
 */
export function ItemPage({
  orgSlug,
  projectId,
  editor,
  className,
  title,
  description,
  actions,
  children,
}: {
  orgSlug: string;
  projectId: string;
  editor: Pick<ReturnType<typeof useOpenItem>, "itemNum" | "close">;
  /** For the PageContainer (e.g. max-w-none for a full-width page). */
  className?: string;
  /** The page's heading (with the project breadcrumb); without it the page renders its own header. */
  title?: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <PageContainer className={className}>
      {title !== undefined && (
        <ViewHeader
          orgSlug={orgSlug}
          projectId={projectId}
          title={title}
          description={description}
          actions={actions}
        />
      )}
      {children}
      <ItemEditorHost
        orgSlug={orgSlug}
        projectId={projectId}
        itemNum={editor.itemNum}
        onClose={editor.close}
      />
    </PageContainer>
  );
}
