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
  opts: {
    connections: number;
    seconds?: number;
    amount?: number;
    headers?: Record<string, string>;
    minRequests?: number;
  },
): Promise<LoadResult> {
  // A run in which fewer than `minRequests` answers came back (a very slow procedure) goes on,
  // request by request, until it has them: a percentile needs samples.
  const first = await driveOnce(origin, scenario, opts);
  const min = opts.minRequests ?? 0;
  if (first.latencies.length >= min || opts.amount) return summarise(first, opts.connections);
  const more = await driveOnce(
    origin,
    scenario,
    { ...opts, seconds: undefined, amount: min - first.latencies.length },
    first.k,
  );
  return summarise(
    {
      k: more.k,
      latencies: [...first.latencies, ...more.latencies],
      statuses: Object.fromEntries(
        [...new Set([...Object.keys(first.statuses), ...Object.keys(more.statuses)])].map((c) => [
          c,
          (first.statuses[c] ?? 0) + (more.statuses[c] ?? 0),
        ]),
      ),
      seconds: first.seconds + more.seconds,
      failed: first.failed + more.failed,
    },
    opts.connections,
  );
}

type Raw = {
  k: number;
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
  failed: number;
};

function summarise(raw: Raw, connections: number): LoadResult {
  const latencies = [...raw.latencies].sort((a, b) => a - b);
  return {
    connections,
    seconds: raw.seconds,
    requests: latencies.length,
    rps: latencies.length / raw.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p975: percentile(latencies, 0.975),
    p99: percentile(latencies, 0.99),
    failed: raw.failed,
    statuses: raw.statuses,
  };
}

async function driveOnce(
  origin: string,
  scenario: Scenario,
  opts: { connections: number; seconds?: number; amount?: number; headers?: Record<string, string> },
  startK = 0,
): Promise<Raw> {
  let k = startK;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  // Without a callback the returned instance is an event emitter and a promise of the result.
  const instance = autocannon({
    url: origin,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 10 }),
    timeout: 120,
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
  return {
    k,
    latencies,
    statuses,
    seconds: result.duration,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
