/**
 * `project.onChange`: the changes committed in one project, as a stream for
 * one watcher. Built on the per-instance LISTEN hub (src/server/live.ts).
 *
 * - The first event is `ready` (listening), or `resync` when the client
 *   reconnects with the id of the last event it saw: whatever happened while
 *   it was away is lost, so it should refetch.
 * - `change` for every committed change of the project (never assistant
 *   conversations: those are private to their owner).
 * - `resync` after the instance's LISTEN connection was lost and came back.
 * - While the database cannot be reached the stream stays open: nothing is
 *   delivered until access can be re-checked again, and then a `resync`
 *   stands for whatever was held back.
 * - Access is re-checked every `recheckMs`, before an event is delivered (at
 *   most once a second) and before every change to the project or its roles:
 *   when the session ended or the caller lost the org membership or the
 *   project role, the stream ends with UNAUTHORIZED or NOT_FOUND (a client
 *   does not retry those).
 *
 * Events carry ids (sent as SSE event ids, see `trackedStream`), so a
 * reconnecting client names the last one it saw.
 */
import { randomBytes } from "node:crypto";
import { DomainError } from "@/domain/errors";
import { env } from "@/env";
import { subscribe, type LiveOrgRef, type LiveSignal } from "@/server/live";
import type { AccessVerdict } from "./access";
import { isAnnounced } from "./audit";
import { isDatabaseUnavailable } from "@/server/db/errors";

export type ProjectChange =
  | { type: "ready" }
  | { type: "resync" }
  | { type: "change"; entityType: string; entityId: string | null; action: string; actorId: string | null };

/** Re-check access before delivering an event unless it was checked this recently. */
const EVENT_RECHECK_MS = 1_000;
/** While the database cannot be reached, access is re-tried this often (the stream stays open). */
const UNAVAILABLE_RETRY_MS = 1_000;
/** Changes that may take access away: always re-checked before they are delivered. */
const ACCESS_ENTITIES = new Set(["project", "project_role"]);

// Event ids: this process's boot id and a counter (ids only need to be unique, not replayable).
const BOOT = randomBytes(4).toString("hex");
let counter = 0;
const nextId = () => `${BOOT}-${(++counter).toString(36)}`;

/** A queue the hub's callback pushes into and the generator awaits, with a timeout and an abort signal. */
class SignalQueue {
  private items: LiveSignal[] = [];
  private wake: (() => void) | null = null;

  push(s: LiveSignal) {
    this.items.push(s);
    this.wake?.();
  }

  /** The next signal, or null after `ms` or when `signal` aborts. */
  async take(ms: number, signal?: AbortSignal): Promise<LiveSignal | null> {
    if (this.items.length) return this.items.shift()!;
    if (signal?.aborted) return null;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
      this.wake = done;
    });
    return this.items.shift() ?? null;
  }
}

export type ProjectChangesOptions = {
  /** Re-checks session, membership and project role (src/server/services/access.ts). */
  recheck: () => Promise<AccessVerdict>;
  /** The id of the last event the client saw (set by tRPC when it reconnects). */
  lastEventId?: string | null;
  signal?: AbortSignal;
  /** How often access is re-checked while nothing happens; default LIVE_RECHECK_MS. */
  recheckMs?: number;
};

function ended(verdict: Exclude<AccessVerdict, "ok">): DomainError {
  return verdict === "UNAUTHORIZED"
    ? new DomainError("UNAUTHORIZED", "Your session has ended; please sign in again")
    : new DomainError("NOT_FOUND", "Project not found");
}

export async function* projectChanges(
  org: LiveOrgRef,
  projectId: string,
  opts: ProjectChangesOptions,
): AsyncGenerator<{ id: string; data: ProjectChange }, void, undefined> {
  const recheckMs = opts.recheckMs ?? env().LIVE_RECHECK_MS;
  const queue = new SignalQueue();
  const sub = subscribe(org, projectId, (s) => queue.push(s));
  let checkedAt = Date.now();
  /** False while the last re-check could not reach the database: nothing is delivered until one succeeds. */
  let confirmed = true;
  /** Events were held back while access could not be confirmed: the client gets a resync instead. */
  let missed = false;
  /** True when access is confirmed; false when the database cannot be reached right now (try again soon). */
  const check = async (): Promise<boolean> => {
    let verdict: AccessVerdict;
    try {
      verdict = await opts.recheck();
    } catch (err) {
      // A database outage is not a reason to end the stream (the client would have to start over):
      // hold events back and re-check soon; once the database answers, the client gets a resync.
      if (!isDatabaseUnavailable(err)) throw err;
      confirmed = false;
      checkedAt = Date.now() - recheckMs + Math.min(recheckMs, UNAVAILABLE_RETRY_MS);
      return false;
    }
    checkedAt = Date.now();
    if (verdict !== "ok") throw ended(verdict);
    confirmed = true;
    return true;
  };
  let first = true;
  try {
    while (!opts.signal?.aborted) {
      const s = await queue.take(checkedAt + recheckMs - Date.now(), opts.signal);
      if (opts.signal?.aborted) return;
      if (!s) {
        if ((await check()) && missed) {
          missed = false;
          yield { id: nextId(), data: { type: "resync" } };
        }
        continue;
      }
      const accessChange = s.type === "change" && ACCESS_ENTITIES.has(s.event.entityType);
      if (accessChange || !confirmed || Date.now() - checkedAt >= EVENT_RECHECK_MS) {
        if (!(await check())) {
          missed = true;
          continue;
        }
      }
      if (missed && s.type === "change") {
        missed = false;
        yield { id: nextId(), data: { type: "resync" } };
        continue;
      }
      missed = false;
      if (s.type === "change") {
        if (!isAnnounced(s.event)) continue;
        const { entityType, entityId, action, actorId } = s.event;
        yield { id: nextId(), data: { type: "change", entityType, entityId, action, actorId } };
      } else if (first) {
        // A reconnecting client may have missed changes while it was away.
        yield { id: nextId(), data: { type: opts.lastEventId ? "resync" : "ready" } };
      } else {
        yield { id: nextId(), data: { type: "resync" } };
      }
      if (s.type !== "change") first = false;
    }
  } finally {
    sub.unsubscribe();
  }
}
