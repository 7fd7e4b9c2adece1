-- The access cache also holds the per-device session check (loadSessionActor:
-- user row + this device's user_sessions row), keyed "<user id>:<session id>:<version>".
-- Ending a device session (sign-out, revoked from another device, sign out
-- everywhere) or deleting it drops that user's cached sessions on every
-- instance. last_seen_at updates (every few minutes per session) do not.
-- Hand-written: Prisma does not model triggers.

CREATE OR REPLACE FUNCTION braidmgr_cache_user_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM braidmgr_cache_notify('user', OLD.user_id::text);
  IF TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
    PERFORM braidmgr_cache_notify('user', NEW.user_id::text);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER user_sessions_cache_invalidation AFTER UPDATE ON "user_sessions"
  FOR EACH ROW WHEN (
    OLD.ended_at IS DISTINCT FROM NEW.ended_at OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.id IS DISTINCT FROM NEW.id
  ) EXECUTE FUNCTION braidmgr_cache_user_sessions();
CREATE TRIGGER user_sessions_cache_invalidation_delete AFTER DELETE ON "user_sessions"
  FOR EACH ROW EXECUTE FUNCTION braidmgr_cache_user_sessions();
