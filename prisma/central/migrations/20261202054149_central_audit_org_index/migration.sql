-- CreateIndex
CREATE INDEX "audit_log_org_id_id_idx" ON "audit_log"("org_id", "id");
