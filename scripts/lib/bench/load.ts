/**
 * Load generation with autocannon, keeping every response time so any
 * percentile can be read (autocannon's own summary has no p95).
 */
import autocannon from "autocannon";

export type RequestSpec = {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

/** Builds the k-th request (k counts across all connections); sees each answer. */
export type Scenario = {
  next: (k: number) => RequestSpec;
  onResponse?: (status: number, body: string) => void;
};

export type LoadResult = {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p975: number;
  p99: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failed: number;
  statuses: Record<string, number>;
};

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function drive(
  origin: string,
  scenario: Scenario,
  opts: { connections: number; seconds?: number; amount?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  let k = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  // Without a callback the returned instance is an event emitter and a promise of the result.
  const instance = autocannon({
    url: origin,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 10 }),
    timeout: 30,
    headers: opts.headers,
    requests: [
      {
        setupRequest: (req: autocannon.Request) => {
          const spec = scenario.next(k++);
          return {
            ...req,
            method: spec.method,
            path: spec.path,
            body: spec.body,
            headers: { ...opts.headers, ...spec.headers },
          } as autocannon.Request;
        },
        ...(scenario.onResponse
          ? { onResponse: (status: number, body: string) => scenario.onResponse!(status, body) }
          : {}),
      } as autocannon.Request,
    ],
  }) as Promise<autocannon.Result> & autocannon.Instance;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const seconds = result.duration;
  return {
    connections: opts.connections,
    seconds,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p975: percentile(latencies, 0.975),
    p99: percentile(latencies, 0.99),
    failed: result.non2xx + result.errors + result.timeouts,
    statuses,
  };
}
