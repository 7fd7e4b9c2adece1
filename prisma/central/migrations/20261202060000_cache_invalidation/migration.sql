-- Cache invalidation for every app instance (src/server/cache): a committed
-- change to what the per-request access cache holds is announced on the
-- braidmgr_cache channel as "<cache name>|<key prefix>"; each instance LISTENs
-- and drops the matching entries. Hand-written: Prisma does not model triggers.

-- Reusable by other caches: PERFORM braidmgr_cache_notify('<cache>', '<key prefix>').
CREATE OR REPLACE FUNCTION braidmgr_cache_notify(cache text, prefix text) RETURNS void
  LANGUAGE sql AS $$ SELECT pg_notify('braidmgr_cache', cache || '|' || coalesce(prefix, '')) $$;

-- A user's row (session version, deactivation, deletion, name, e-mail).
CREATE OR REPLACE FUNCTION braidmgr_cache_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM braidmgr_cache_notify('user', OLD.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER users_cache_invalidation AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_users();

-- A membership: that user's cached org access.
CREATE OR REPLACE FUNCTION braidmgr_cache_org_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM braidmgr_cache_notify('orgAccess', OLD.user_id::text || ':'); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM braidmgr_cache_notify('orgAccess', NEW.user_id::text || ':'); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER org_memberships_cache_invalidation AFTER INSERT OR UPDATE OR DELETE ON "org_memberships"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_org_memberships();

-- An organization (status, deletion, settings, database): everyone's cached access to any org.
CREATE OR REPLACE FUNCTION braidmgr_cache_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM braidmgr_cache_notify('orgAccess', '');
  RETURN NULL;
END $$;
CREATE TRIGGER organizations_cache_invalidation AFTER UPDATE OR DELETE ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_organizations();
