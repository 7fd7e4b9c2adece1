/**
 * Live updates, the transport-free half: every org database announces
 * committed changes with PostgreSQL NOTIFY (written next to the audit row, so
 * only committed changes are announced). Each app instance keeps at most one
 * LISTEN connection per org database while someone is watching, and fans the
 * notifications out to its subscribers (the `project.onChange` tRPC
 * subscription). Any number of instances can run: each listens for itself.
 *
 * The connection is looked after:
 * - a failed connect (first or later) is retried with exponential back-off
 *   and jitter; nothing is cached about a failure;
 * - a connection that errors, ends (pg_terminate_backend, a database restart)
 *   or stops answering the periodic health check is dropped and re-opened;
 * - after a re-connect every subscriber gets a `resync` signal: changes made
 *   while nobody listened are lost, so clients refetch.
 */
import pg from "pg";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { logger } from "@/server/logger";
import { CHANGES_CHANNEL } from "@/server/services/audit";

export type ChangeEvent = {
  projectId: string;
  entityType: string;
  entityId: string | null;
  action: string;
  actorId: string | null;
};

/** What a subscriber hears: the channel is listening (first time), a change, or "you may have missed changes". */
export type LiveSignal = { type: "ready" } | { type: "change"; event: ChangeEvent } | { type: "resync" };
type Listener = (s: LiveSignal) => void;

export type LiveOrgRef = { id: string; databaseName: string; clusterKey: string };

export type LiveConfig = {
  /** First re-connect delay; doubles per failed attempt up to `reconnectMaxMs` (with jitter). */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** How often the LISTEN connection is asked `SELECT 1` (catches half-open connections). */
  healthCheckMs: number;
  /** How long a health check may take before the connection counts as dead. */
  healthTimeoutMs: number;
};

const DEFAULTS: LiveConfig = {
  reconnectBaseMs: 250,
  reconnectMaxMs: 15_000,
  healthCheckMs: 30_000,
  healthTimeoutMs: 10_000,
};

/** The name the LISTEN connections carry in pg_stat_activity. */
export const LIVE_APPLICATION_NAME = "braidmgr-live";

type State = "connecting" | "listening" | "waiting" | "closed";

class OrgChannel {
  state: State = "connecting";
  private client: pg.Client | null = null;
  private attempt = 0;
  private everListened = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private healthTimer: ReturnType<typeof setInterval> | undefined;
  readonly subscribers = new Map<string, Set<Listener>>();

  constructor(
    private readonly org: LiveOrgRef,
    private readonly config: () => LiveConfig,
    private readonly onIdle: (ch: OrgChannel) => void,
  ) {
    void this.connect();
  }

  get listening(): boolean {
    return this.state === "listening";
  }

  get closed(): boolean {
    return this.state === "closed";
  }

  add(projectId: string, fn: Listener): () => void {
    const set = this.subscribers.get(projectId) ?? new Set<Listener>();
    set.add(fn);
    this.subscribers.set(projectId, set);
    if (this.listening) queueMicrotask(() => set.has(fn) && fn({ type: "ready" }));
    return () => {
      set.delete(fn);
      if (!set.size && this.subscribers.get(projectId) === set) this.subscribers.delete(projectId);
      if (!this.subscribers.size) this.onIdle(this);
    };
  }

  private broadcast(signal: LiveSignal, projectId?: string) {
    const sets = projectId ? [this.subscribers.get(projectId)] : [...this.subscribers.values()];
    for (const set of sets) for (const fn of set ?? []) fn(signal);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.state = "connecting";
    const client = new pg.Client({
      connectionString: orgDatabaseUrl(this.org),
      application_name: LIVE_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    // Registered before connecting: an error while connecting must not crash the process.
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (msg) => {
      if (this.client !== client || !msg.payload) return;
      let event: ChangeEvent;
      try {
        event = JSON.parse(msg.payload) as ChangeEvent;
      } catch {
        return;
      }
      if (typeof event.projectId === "string") this.broadcast({ type: "change", event }, event.projectId);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.client !== client || this.closed) return;
    this.state = "listening";
    const reconnected = this.everListened;
    this.everListened = true;
    if (this.attempt > 0)
      logger.info({ org: this.org.id, attempts: this.attempt }, "live updates connection restored");
    this.attempt = 0;
    this.startHealthChecks(client);
    // First time: subscribers learn that they are live. After a re-connect: they may have missed changes.
    this.broadcast(reconnected ? { type: "resync" } : { type: "ready" });
  }

  private startHealthChecks(client: pg.Client) {
    clearInterval(this.healthTimer);
    const { healthCheckMs, healthTimeoutMs } = this.config();
    this.healthTimer = setInterval(() => {
      if (this.client !== client) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("health check timed out")), healthTimeoutMs);
      });
      Promise.race([client.query("SELECT 1"), timeout])
        .catch((err: unknown) => this.lost(client, err))
        .finally(() => clearTimeout(timer));
    }, healthCheckMs);
    this.healthTimer.unref?.();
  }

  /** The connection `client` is gone (or never came up): drop it and try again later. */
  private lost(client: pg.Client, err: unknown) {
    if (this.client !== client) return; // an old connection's late event
    this.client = null;
    clearInterval(this.healthTimer);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    const { reconnectBaseMs, reconnectMaxMs } = this.config();
    const delay = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    logger.warn(
      { err, org: this.org.id, attempt: this.attempt, retryInMs: Math.round(delay) },
      "live updates connection lost; reconnecting",
    );
    this.state = "waiting";
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref?.();
  }

  close() {
    this.state = "closed";
    clearTimeout(this.retryTimer);
    clearInterval(this.healthTimer);
    const client = this.client;
    this.client = null;
    if (client) void client.end().catch(() => undefined);
  }
}

const g = globalThis as unknown as {
  __braidLive?: Map<string, OrgChannel>;
  __braidLiveConfig?: Partial<LiveConfig>;
};
const channels = () => (g.__braidLive ??= new Map());
const config = (): LiveConfig => ({ ...DEFAULTS, ...g.__braidLiveConfig });

/** Tests: faster back-off and health checks; `configureLive({})` restores the defaults. */
export function configureLive(o: Partial<LiveConfig>): void {
  g.__braidLiveConfig = { ...o };
}

export type LiveSubscription = {
  /** Resolves once this instance listens to the org's channel (at once when it already does). */
  ready: Promise<void>;
  unsubscribe: () => void;
};

/**
 * Calls `fn` with the project's signals: `ready` when listening starts,
 * `change` for every committed change, `resync` after a lost connection came back.
 */
export function subscribe(org: LiveOrgRef, projectId: string, fn: Listener): LiveSubscription {
  const map = channels();
  let ch: OrgChannel | undefined = map.get(org.id);
  if (!ch || ch.closed) {
    ch = new OrgChannel(org, config, (idle) => {
      if (map.get(org.id) === idle) map.delete(org.id);
      idle.close();
    });
    map.set(org.id, ch);
  }
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let done = false;
  const remove = ch.add(projectId, (s: LiveSignal) => {
    if (done) return;
    if (s.type !== "change") markReady();
    fn(s);
  });
  return {
    ready,
    unsubscribe: () => {
      if (done) return;
      done = true;
      remove();
    },
  };
}

/** How many org channels this instance holds open (or is re-opening). */
export function liveConnectionCount(): number {
  return channels().size;
}

/** Whether this instance currently listens to the org's channel. */
export function isListening(orgId: string): boolean {
  return channels().get(orgId)?.listening ?? false;
}

/** Closes every channel (shutdown, tests). Subscribers hear nothing more. */
export function closeAllLive(): void {
  for (const ch of channels().values()) ch.close();
  channels().clear();
}
