-- AlterTable
ALTER TABLE "items" ADD COLUMN     "severity_rank" SMALLINT NOT NULL DEFAULT 6;

-- CreateIndex
CREATE INDEX "items_project_id_severity_rank_deadline_idx" ON "items"("project_id", "severity_rank", "deadline");
