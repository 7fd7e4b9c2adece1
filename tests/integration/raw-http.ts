/**
 * Requests below fetch, for what it cannot send or tell: a body written in pieces (a lying or
 * absent length), and whether the server closed the connection after answering.
 */
import http from "node:http";

/** A raw request whose body is written in pieces, for what fetch cannot send (a lying or absent length). */
export function rawPost(
  url: URL,
  opts: { headers: Record<string, string | number>; chunks: Buffer[]; keepOpen?: boolean },
): Promise<{ status: number; body: string; bytesWritten: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: opts.headers },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body, bytesWritten: written });
          req.destroy();
        });
      },
    );
    let written = 0;
    req.on("error", (err) => (written ? undefined : reject(err)));
    const next = (i: number) => {
      if (i >= opts.chunks.length) {
        if (!opts.keepOpen) req.end();
        return;
      }
      if (req.destroyed) return;
      written += opts.chunks[i]!.length;
      if (req.write(opts.chunks[i]!)) setImmediate(() => next(i + 1));
      else req.once("drain", () => next(i + 1));
    };
    next(0);
  });
}

/** One request on its own connection; the answer's status, headers and body, and whether the server closed it. */
export function rawExchange(
  base: string,
  opts: {
    method: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: string;
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: opts.path,
        method: opts.method,
        agent,
        headers: opts.headers,
      },
      (res) => {
        let body = "";
        let closed = false;
        const socket = res.socket;
        socket.once("end", () => (closed = true));
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          // Give the server a moment to close the socket after the answer.
          setTimeout(() => {
            const wasClosed = closed || socket.destroyed;
            agent.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, closed: wasClosed });
          }, 100),
        );
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}
