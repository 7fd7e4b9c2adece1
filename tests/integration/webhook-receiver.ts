/** A real HTTP receiver on a loopback port for webhook tests: records every request, answers by script. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; at: number; headers: http.IncomingHttpHeaders; body: string };

export type Receiver = {
  base: string;
  received: Received[];
  /** Status codes to answer on `path`, one per request; 200 once they are used up. */
  script: (path: string, statuses: number[]) => void;
  on: (path: string) => Received[];
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, at: Date.now(), headers: req.headers, body });
      const status = scripts.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "broken today");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    script: (path, statuses) => void scripts.set(path, [...statuses]),
    on: (path) => received.filter((r) => r.path === path),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
