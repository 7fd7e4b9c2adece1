/**
 * Live updates: every org database announces committed changes with
 * PostgreSQL NOTIFY (written next to the audit row, so only committed changes
 * are announced). Each app instance keeps at most one LISTEN connection per org
 * database while someone is watching, and fans the notifications out to its
 * subscribers (Server-Sent Events in /api/events). Works with any number of
 * instances: each listens for itself.
 */
import pg from "pg";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { logger } from "@/server/logger";
import { CHANGES_CHANNEL } from "@/server/services/audit";

export type ChangeEvent = { projectId: string; entityType: string; entityId: string | null; action: string; actorId: string | null };
type Listener = (e: ChangeEvent) => void;

type OrgListener = { client: pg.Client; ready: Promise<void>; subscribers: Map<string, Set<Listener>> };

const g = globalThis as unknown as { __braidLive?: Map<string, OrgListener> };
const orgs = () => (g.__braidLive ??= new Map());

function open(org: { id: string; databaseName: string; clusterKey: string }): OrgListener {
  const client = new pg.Client({ connectionString: orgDatabaseUrl(org) });
  const entry: OrgListener = {
    client,
    subscribers: new Map(),
    ready: client.connect().then(() => client.query(`LISTEN ${CHANGES_CHANNEL}`)).then(() => undefined),
  };
  client.on("notification", (msg) => {
    if (!msg.payload) return;
    let event: ChangeEvent;
    try {
      event = JSON.parse(msg.payload) as ChangeEvent;
    } catch {
      return;
    }
    for (const fn of entry.subscribers.get(event.projectId) ?? []) fn(event);
  });
  client.on("error", (err) => {
    logger.warn({ err, org: org.id }, "live updates connection lost");
    orgs().delete(org.id);
  });
  return entry;
}

/** Calls `fn` for every committed change in the project; returns the unsubscribe function. */
export async function subscribe(org: { id: string; databaseName: string; clusterKey: string }, projectId: string, fn: Listener): Promise<() => void> {
  let entry = orgs().get(org.id);
  if (!entry) {
    entry = open(org);
    orgs().set(org.id, entry);
  }
  const set = entry.subscribers.get(projectId) ?? new Set();
  set.add(fn);
  entry.subscribers.set(projectId, set);
  await entry.ready;
  const e = entry;
  return () => {
    set.delete(fn);
    if (!set.size) e.subscribers.delete(projectId);
    if (!e.subscribers.size && orgs().get(org.id) === e) {
      orgs().delete(org.id);
      void e.client.end().catch(() => undefined);
    }
  };
}

export function liveConnectionCount(): number {
  return orgs().size;
}
