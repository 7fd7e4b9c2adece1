/**
 * Where the offline queue lives: an IndexedDB object store (one record per
 * op, keyed by id) behind a small storage interface, and an in-memory copy
 * that React reads through `subscribe`/`getSnapshot`. Every change is written
 * to IndexedDB before it is announced, so a reload never loses an op.
 */
import { openDB, type IDBPDatabase } from "idb";
import { ZQueuedOp, type QueuedOp } from "@/contracts/offline-queue";
import { addOp, afterFailure, afterSuccess, type Outcome, nextSeq, retryNow } from "./queue-model";

export type QueueStorage = {
  load(): Promise<QueuedOp[]>;
  put(op: QueuedOp): Promise<void>;
  remove(id: string): Promise<void>;
};

export const DB_NAME = "braidmgr-offline";
const STORE = "ops";

/** The IndexedDB adapter (the browser's `indexedDB`; the unit tests install fake-indexeddb). */
export function idbStorage(name = DB_NAME): QueueStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(d) {
        if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: "id" });
      },
    }));
  return {
    async load() {
      const rows: unknown[] = await (await open()).getAll(STORE);
      // What an older version wrote in another shape cannot be sent: it is left out.
      return rows.flatMap((r) => {
        const parsed = ZQueuedOp.safeParse(r);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async put(op) {
      await (await open()).put(STORE, op);
    },
    async remove(id) {
      await (await open()).delete(STORE, id);
    },
  };
}

/** For tests and browsers without IndexedDB (private modes): the queue lasts as long as the page. */
export function memoryStorage(): QueueStorage {
  const rows = new Map<string, QueuedOp>();
  return {
    load: async () => [...rows.values()].map((r) => structuredClone(r)),
    put: async (op) => void rows.set(op.id, structuredClone(op)),
    remove: async (id) => void rows.delete(id),
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewOp = DistributiveOmit<
  QueuedOp,
  "id" | "seq" | "createdAt" | "attempts" | "nextAttemptAt" | "state"
>;

/** The queue: ops in memory, mirrored to storage; listeners hear every change. */
export class OfflineQueue {
  private ops: readonly QueuedOp[] = [];
  private listeners = new Set<() => void>();
  private loaded: Promise<void> | null = null;
  /** The op being sent (never folded into). */
  inFlight: string | null = null;

  constructor(private readonly storage: QueueStorage) {}

  subscribe = (cb: () => void) => {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  };
  getSnapshot = () => this.ops;

  private set(next: readonly QueuedOp[]) {
    this.ops = next;
    for (const cb of this.listeners) cb();
  }

  load(): Promise<void> {
    this.loaded ??= this.storage.load().then(
      (rows) =>
        this.set(
          [...rows, ...this.ops.filter((o) => !rows.some((r) => r.id === o.id))].sort(
            (a, b) => a.seq - b.seq,
          ),
        ),
      () => undefined,
    );
    return this.loaded;
  }

  async add(input: NewOp, now = Date.now()): Promise<QueuedOp> {
    await this.load();
    const op = {
      ...input,
      id: crypto.randomUUID(),
      seq: nextSeq(this.ops),
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: "pending",
    } as QueuedOp;
    const { ops, stored } = addOp(this.ops, op, this.inFlight);
    await this.storage.put(stored);
    this.set(ops);
    return stored;
  }

  async discard(id: string) {
    await this.storage.remove(id);
    this.set(this.ops.filter((o) => o.id !== id));
  }

  async succeeded(id: string, newVersion?: number) {
    const next = afterSuccess(this.ops, id, newVersion);
    await this.storage.remove(id);
    for (const o of next) if (this.ops.find((p) => p.id === o.id) !== o) await this.storage.put(o);
    this.set(next);
  }

  async failed(id: string, outcome: Outcome, message: string, now = Date.now()) {
    const next = afterFailure(this.ops, id, outcome, message, now);
    const op = next.find((o) => o.id === id);
    if (op) await this.storage.put(op);
    this.set(next);
  }

  /** Back online: no more waiting for the retry timers. */
  wake(now = Date.now()) {
    this.set(retryNow(this.ops, now));
  }
}

let shared: OfflineQueue | null = null;

/** The page's queue (IndexedDB when the browser has it). */
export function offlineQueue(): OfflineQueue {
  if (!shared) {
    shared = new OfflineQueue(typeof indexedDB === "undefined" ? memoryStorage() : idbStorage());
    // Read what an earlier page left, online or not (the banner counts it).
    if (typeof window !== "undefined") void shared.load();
  }
  return shared;
}
