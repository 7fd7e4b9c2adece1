-- AlterTable
ALTER TABLE "items" ADD COLUMN     "create_request_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "items_project_id_create_request_id_key" ON "items"("project_id", "create_request_id");
