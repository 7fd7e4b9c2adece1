-- Fast case-insensitive substring search on item titles and descriptions
-- (ILIKE '%…%' uses these trigram indexes). Hand-written: Prisma does not
-- model operator classes; the drift test knows these two indexes by name.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "items_title_trgm" ON "items" USING gin ("title" gin_trgm_ops);
CREATE INDEX "items_description_trgm" ON "items" USING gin ("description" gin_trgm_ops);
