-- AlterTable
ALTER TABLE "items" ADD COLUMN     "assigned_to_user_id" UUID;

-- CreateIndex
CREATE INDEX "items_project_id_assigned_to_user_id_idx" ON "items"("project_id", "assigned_to_user_id");
