/**
 * Cache invalidation that reaches every app instance: triggers in the
 * databases announce changes with NOTIFY on the `braidmgr_cache` channel
 * (central database: users, memberships, organizations; each org database:
 * projects and project roles), and every instance LISTENs and drops the
 * matching entries. Delivered only on commit, so a rolled-back change
 * invalidates nothing it should not.
 *
 * Payload: "<cache name>|<key prefix>". An org database's messages are about
 * that org, so its listener puts "<org id>:" in front of the prefix.
 *
 * The short TTL is what bounds staleness when a message is missed (no
 * listener yet, connection lost); the messages make it near-immediate.
 */
import pg from "pg";
import { logger } from "@/server/logger";
import type { CacheGroup } from "./ttl-cache";

export const CACHE_CHANNEL = "braidmgr_cache";

type Listener = {
  client: pg.Client;
  ready: Promise<boolean>;
  listening: boolean;
  lastUsed: number;
  /** Which database (cluster and name) it listens on: an org that moved needs a new listener. */
  where: string;
};

const whereOf = (org: OrgRef) => `${org.clusterKey}/${org.databaseName}`;

export type OrgRef = { id: string; databaseName: string; clusterKey: string };

export class InvalidationBus {
  private central: Listener | null = null;
  private readonly orgs = new Map<string, Listener>();
  private stopped = false;

  constructor(
    private readonly group: CacheGroup,
    private readonly urls: { central: () => string; org: (org: OrgRef) => string },
    private readonly opts: { maxOrgListeners?: number; idleMs?: number } = {},
  ) {}

  /** Parses a payload and drops the entries it names. */
  deliver(payload: string, orgId?: string): void {
    const bar = payload.indexOf("|");
    const name = bar < 0 ? payload : payload.slice(0, bar);
    const prefix = bar < 0 ? "" : payload.slice(bar + 1);
    this.group.invalidate(name, orgId === undefined ? prefix : `${orgId}:${prefix}`);
  }

  private listen(url: string, orgId: string | undefined, where: string, onLost: () => void): Listener {
    const client = new pg.Client({ connectionString: url, application_name: "braidmgr-cache" });
    const entry: Listener = {
      client,
      lastUsed: Date.now(),
      listening: false,
      where,
      ready: client
        .connect()
        .then(() => client.query(`LISTEN ${CACHE_CHANNEL}`))
        .then(() => {
          // A listener must never keep a process (a script, a test worker) alive.
          (
            client as unknown as { connection?: { stream?: { unref?: () => void } } }
          ).connection?.stream?.unref?.();
          entry.listening = true;
          return true;
        })
        .catch((err: unknown) => {
          logger.warn({ err, orgId }, "cache invalidation listener could not start");
          onLost();
          return false;
        }),
    };
    client.on("notification", (msg) => {
      if (msg.channel === CACHE_CHANNEL && msg.payload !== undefined) this.deliver(msg.payload, orgId);
    });
    client.on("error", (err) => {
      logger.warn({ err, orgId }, "cache invalidation listener lost");
      onLost();
    });
    client.on("end", onLost);
    return entry;
  }

  /**
   * True while this instance hears the central database's messages. Callers
   * cache only then: an entry stored while no one listens could miss its
   * invalidation (the TTL would still end it).
   */
  centralListening(): boolean {
    if (this.central?.listening) return true;
    void this.ensureCentral();
    return false;
  }

  /** Like centralListening, for one org database. */
  orgListening(org: OrgRef): boolean {
    const l = this.orgs.get(org.id);
    if (l?.listening && l.where === whereOf(org)) {
      l.lastUsed = Date.now();
      return true;
    }
    void this.ensureOrg(org);
    return false;
  }

  /** Starts listening on the central database (once; again after the connection was lost). */
  ensureCentral(): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    if (!this.central) {
      const entry: Listener = this.listen(this.urls.central(), undefined, "central", () => {
        if (this.central !== entry) return;
        this.central = null;
        // Messages may have been missed while the connection was down.
        this.group.clearAll();
        void entry.client.end().catch(() => undefined);
      });
      this.central = entry;
    }
    return this.central.ready;
  }

  /** Starts listening on an org database (kept while in use; idle ones are closed). */
  ensureOrg(org: OrgRef): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    let entry = this.orgs.get(org.id);
    if (entry && entry.where === whereOf(org)) {
      entry.lastUsed = Date.now();
      return entry.ready;
    }
    if (entry) {
      // The org's database moved to another cluster (move-org): listen there instead. What was
      // cached from the old one is dropped, as after a lost connection.
      this.orgs.delete(org.id);
      this.group.clearAll();
      void entry.client.end().catch(() => undefined);
    }
    const created: Listener = this.listen(this.urls.org(org), org.id, whereOf(org), () => {
      if (this.orgs.get(org.id) !== created) return;
      this.orgs.delete(org.id);
      this.group.clearAll();
      void created.client.end().catch(() => undefined);
    });
    entry = created;
    this.orgs.set(org.id, entry);
    this.sweep();
    return entry.ready;
  }

  /** Closes org listeners beyond the limit or idle for too long (their entries expire on their own). */
  private sweep(): void {
    const max = this.opts.maxOrgListeners ?? 50;
    const idleMs = this.opts.idleMs ?? 10 * 60_000;
    const now = Date.now();
    for (const [id, l] of [...this.orgs].sort((a, b) => a[1].lastUsed - b[1].lastUsed)) {
      if (this.orgs.size <= max && now - l.lastUsed < idleMs) break;
      this.orgs.delete(id);
      void l.client.end().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...(this.central ? [this.central] : []), ...this.orgs.values()];
    this.central = null;
    this.orgs.clear();
    await Promise.all(all.map((l) => l.client.end().catch(() => undefined)));
  }

  get listening(): { central: boolean; orgs: number } {
    return {
      central: this.central?.listening ?? false,
      orgs: [...this.orgs.values()].filter((l) => l.listening).length,
    };
  }
}
