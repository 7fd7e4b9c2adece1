-- Full-text search over items and notes (the global search box). Hand-written:
-- Prisma does not model expression indexes; the drift test knows them by name.
CREATE INDEX "items_fts" ON "items" USING gin (to_tsvector('simple', coalesce("title", '') || ' ' || coalesce("description", '')));
CREATE INDEX "item_notes_fts" ON "item_notes" USING gin (to_tsvector('simple', "content"));
