-- AlterTable
ALTER TABLE "items" ADD COLUMN     "cost_impact" DECIMAL(14,2),
ADD COLUMN     "schedule_impact_days" INTEGER;

-- CreateTable
CREATE TABLE "baselines" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "items" JSONB NOT NULL,
    "item_count" INTEGER NOT NULL,
    "source" VARCHAR(20) NOT NULL DEFAULT 'manual',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "baselines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "baselines_project_id_created_at_idx" ON "baselines"("project_id", "created_at");

-- AddForeignKey
ALTER TABLE "baselines" ADD CONSTRAINT "baselines_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Defence in depth (hand-written: Prisma does not model CHECK constraints).
ALTER TABLE "items"
  ADD CONSTRAINT "items_cost_impact_non_negative" CHECK ("cost_impact" IS NULL OR "cost_impact" >= 0),
  ADD CONSTRAINT "items_schedule_impact_days_non_negative" CHECK ("schedule_impact_days" IS NULL OR "schedule_impact_days" >= 0);
