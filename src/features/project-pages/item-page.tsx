"use client";

import { PageContainer } from "@/components/page-header";
import { ItemEditorHost, type useOpenItem } from "@/features/items/item-editor-host";

/**
 * A project page that shows items (active items, chronology, dashboard, timeline): the page, with the item
 * editor that opens over it when an item is picked (`editor`, from useOpenItem).
 */
export function ItemPage({
  orgSlug,
  projectId,
  editor,
  className,
  children,
}: {
  orgSlug: string;
  projectId: string;
  editor: Pick<ReturnType<typeof useOpenItem>, "itemNum" | "close">;
  /** For the PageContainer (e.g. max-w-none for a full-width page). */
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <PageContainer className={className}>
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
