-- Defence in depth: the database refuses item values the API would never
-- produce. (Hand-written: Prisma does not model CHECK constraints.)
ALTER TABLE "items"
  ADD CONSTRAINT "items_percent_complete_range" CHECK ("percent_complete" BETWEEN 0 AND 100),
  ADD CONSTRAINT "items_type_known" CHECK ("type" IN ('Budget', 'Risk', 'Action Item', 'Issue', 'Decision', 'Deliverable', 'Plan Item')),
  ADD CONSTRAINT "items_title_not_blank" CHECK (length(btrim("title")) > 0),
  ADD CONSTRAINT "items_item_num_positive" CHECK ("item_num" > 0),
  ADD CONSTRAINT "items_duration_non_negative" CHECK ("duration" IS NULL OR "duration" >= 0),
  ADD CONSTRAINT "items_probability_range" CHECK ("probability" IS NULL OR "probability" BETWEEN 1 AND 5),
  ADD CONSTRAINT "items_impact_range" CHECK ("impact" IS NULL OR "impact" BETWEEN 1 AND 5),
  ADD CONSTRAINT "items_residual_probability_range" CHECK ("residual_probability" IS NULL OR "residual_probability" BETWEEN 1 AND 5),
  ADD CONSTRAINT "items_residual_impact_range" CHECK ("residual_impact" IS NULL OR "residual_impact" BETWEEN 1 AND 5);

ALTER TABLE "item_dependencies"
  ADD CONSTRAINT "item_dependencies_not_self" CHECK ("item_id" <> "depends_on_id");

ALTER TABLE "timesheet_entries"
  ADD CONSTRAINT "timesheet_entries_hours_non_negative" CHECK ("hours" >= 0);
