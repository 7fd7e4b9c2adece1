-- Cached project reads (src/server/cache/project-reads.ts): item.list,
-- item.facets, project.dashboard and budget.metrics are kept per app instance
-- for a few seconds. Any committed change to a table those reads use is
-- announced on the braidmgr_cache channel as "projectReads|<project id>:"
-- (a rate card without a project is org-wide: "projectReads|", every project).
-- PostgreSQL delivers one message per distinct payload per transaction, so a
-- bulk import of 10,000 items sends one. Hand-written: Prisma does not model
-- triggers.

-- Tables with a project_id column ('' when it is null: org-wide).
CREATE OR REPLACE FUNCTION braidmgr_cache_project_reads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM braidmgr_cache_notify('projectReads', coalesce(OLD.project_id::text || ':', ''));
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.project_id IS DISTINCT FROM OLD.project_id) THEN
    PERFORM braidmgr_cache_notify('projectReads', coalesce(NEW.project_id::text || ':', ''));
  END IF;
  RETURN NULL;
END $$;

-- The project row itself (name, dates, settings, deletion).
CREATE OR REPLACE FUNCTION braidmgr_cache_project_row_reads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM braidmgr_cache_notify('projectReads', OLD.id::text || ':');
  RETURN NULL;
END $$;

CREATE TRIGGER items_project_reads AFTER INSERT OR UPDATE OR DELETE ON "items"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_reads();
CREATE TRIGGER workstreams_project_reads AFTER INSERT OR UPDATE OR DELETE ON "workstreams"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_reads();
CREATE TRIGGER budget_allocations_project_reads AFTER INSERT OR UPDATE OR DELETE ON "budget_allocations"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_reads();
CREATE TRIGGER timesheet_entries_project_reads AFTER INSERT OR UPDATE OR DELETE ON "timesheet_entries"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_reads();
CREATE TRIGGER rate_cards_project_reads AFTER INSERT OR UPDATE OR DELETE ON "rate_cards"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_reads();
CREATE TRIGGER projects_project_reads AFTER UPDATE OR DELETE ON "projects"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_row_reads();
