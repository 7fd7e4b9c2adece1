/**
 * Records each request's TCP peer address where route handlers can read it
 * (see src/server/auth/ip.ts for why): a hook on Node's HTTP server, installed
 * once per process from src/instrumentation.ts, writes `x-braidmgr-peer` into
 * the incoming request's headers before Next.js reads them — replacing any
 * value a client sent under that name.
 */
import http, { type IncomingMessage } from "node:http";
import { PEER_HEADER, peerHeaderValue } from "@/server/auth/ip";

const INSTALLED = Symbol.for("braidmgr.peer-hook");
const g = globalThis as unknown as { [INSTALLED]?: boolean };

/** Writes the socket's address into the request (also used by in-process test servers). */
export function stampPeer(req: Pick<IncomingMessage, "headers" | "socket">): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_HEADER] = peerHeaderValue(address);
  else delete req.headers[PEER_HEADER];
}

/** Patches http.Server so every 'request' event is stamped first. Idempotent. */
export function installPeerStamp(): void {
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === "request" || event === "checkContinue" || event === "checkExpectation") {
      stampPeer(args[0] as IncomingMessage);
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(
      this,
      event,
      ...args,
    );
  } as typeof emit;
}
