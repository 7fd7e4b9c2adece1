-- Cache invalidation for every app instance (src/server/cache): a committed
-- change to a project's access data is announced on the braidmgr_cache channel
-- of the org database as "projectAccess|<project id>:"; each instance that has
-- cached entries for this org LISTENs here and drops them. Hand-written:
-- Prisma does not model triggers.

CREATE OR REPLACE FUNCTION braidmgr_cache_notify(cache text, prefix text) RETURNS void
  LANGUAGE sql AS $$ SELECT pg_notify('braidmgr_cache', cache || '|' || coalesce(prefix, '')) $$;

-- A project role: who may see the project, and as what.
CREATE OR REPLACE FUNCTION braidmgr_cache_project_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM braidmgr_cache_notify('projectAccess', OLD.project_id::text || ':'); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM braidmgr_cache_notify('projectAccess', NEW.project_id::text || ':'); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER project_roles_cache_invalidation AFTER INSERT OR UPDATE OR DELETE ON "project_roles"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_project_roles();

-- The project fields the access cache holds. Not next_item_num / updated_at:
-- item creation bumps those on every create.
CREATE OR REPLACE FUNCTION braidmgr_cache_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM braidmgr_cache_notify('projectAccess', OLD.id::text || ':');
  RETURN NULL;
END $$;
CREATE TRIGGER projects_cache_invalidation AFTER UPDATE ON "projects"
  FOR EACH ROW WHEN (
    OLD.name IS DISTINCT FROM NEW.name OR OLD.client_name IS DISTINCT FROM NEW.client_name
    OR OLD.project_start IS DISTINCT FROM NEW.project_start OR OLD.project_end IS DISTINCT FROM NEW.project_end
    OR OLD.indicators_as_of IS DISTINCT FROM NEW.indicators_as_of OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
  ) EXECUTE FUNCTION braidmgr_cache_projects();
CREATE TRIGGER projects_cache_invalidation_delete AFTER DELETE ON "projects"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_projects();
