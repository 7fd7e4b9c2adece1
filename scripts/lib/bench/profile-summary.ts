/**
 * Where a server's CPU time goes, from a V8 .cpuprofile (node --cpu-prof):
 * self time per package. Bundled code (the Next.js server chunks) is mapped
 * back to its original module through the chunks' source maps, so time in
 * next-auth, superjson, tRPC, Prisma, zod … is told apart although they
 * ship in one chunk. Native and Node-core time goes to the calling package.
 *
 *   tsx scripts/lib/bench/profile-summary.ts FILE.cpuprofile [requests]
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const file = url.startsWith("file://") ? fileURLToPath(url) : url;
    if (file.includes("/.next") && existsSync(`${file}.map`)) {
      const raw = JSON.parse(readFileSync(`${file}.map`, "utf8"));
      // Turbopack writes index maps (sections); node's SourceMap reads both kinds.
      map = new SourceMap(raw);
    }
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The original module path of a frame (through the source map when there is one). */
function originalPath(f: Frame): string {
  const map = f.url ? sourceMapOf(f.url) : null;
  if (map && f.lineNumber >= 0) {
    const e = map.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string };
    if (e && e.originalSource) return e.originalSource;
  }
  return f.url;
}

const RULES: [RegExp, string][] = [
  [/node_modules\/next-auth\//, "next-auth (session: JWT decode, callbacks)"],
  [/node_modules\/(jose|@panva|oidc-token-hash|openid-client)\//, "jose (JWE decryption for next-auth)"],
  [/node_modules\/superjson\/|node_modules\/copy-anything\/|node_modules\/is-what\//, "superjson"],
  [/node_modules\/@trpc\//, "tRPC"],
  [/node_modules\/zod\//, "zod (input validation)"],
  [
    /node_modules\/@prisma\/|node_modules\/\.prisma\/|src\/generated\/|query_compiler/,
    "Prisma (client, query compiler, adapter)",
  ],
  [/^wasm:\/\//, "Prisma (client, query compiler, adapter)"],
  [/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+|pgpass)\//, "pg driver"],
  [/node_modules\/(pino|thread-stream|sonic-boom|fast-redact)/, "pino (logging)"],
  [/node_modules\/(react|react-dom|react-server-dom-[a-z]+)\//, "React"],
  [
    /node_modules\/next\/|\[turbopack\]|\.next[^/]*\/server\/(app|pages|chunks\/\[turbopack)/,
    "Next.js (server, routing, request/response)",
  ],
  [/\/src\/server\/auth\//, "app: auth"],
  [/\/src\/server\/api\//, "app: tRPC middleware and routers"],
  [/\/src\/server\/services\//, "app: services"],
  [/\/src\/(domain|server|lib|env)/, "app: other"],
  [/node_modules\/([^/]+)\//, "other packages"],
  [
    /^node:|^internal\/|^(events|net|stream|http|_http_[a-z]+|buffer|zlib|crypto|timers|util)(\.js)?$/,
    "Node.js core (http, streams, crypto)",
  ],
];

function category(f: Frame): string {
  if (f.functionName === "(garbage collector)") return "garbage collection";
  if (f.functionName === "(idle)") return "(idle)";
  if (f.functionName === "(program)") return "(program: V8/native, not attributed)";
  if (f.url === "" && f.functionName) return "native/builtins";
  const p = originalPath(f);
  for (const [re, name] of RULES) if (re.test(p)) return name;
  return p ? "other" : "native/builtins";
}

export function summarize(file: string, requests?: number): string {
  const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Native code and Node core (crypto, sockets, buffers) are charged to the package that called
  // them (HKDF to jose, socket writes to Next.js or pg); the profiler's own work is left out.
  const charged = (id: number): string => {
    let node = byId.get(id)!;
    const own = category(node.callFrame);
    if (!["native/builtins", "Node.js core (http, streams, crypto)"].includes(own)) return own;
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      node = byId.get(p)!;
      if (node.callFrame.url.includes("inspector")) return "(profiler)";
      const c = category(node.callFrame);
      if (!["native/builtins", "Node.js core (http, streams, crypto)"].includes(c)) return c;
    }
    return own;
  };
  const totals = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const c = charged(id);
    if (c === "(profiler)") continue;
    totals.set(c, (totals.get(c) ?? 0) + us);
    if (c !== "(idle)") busy += us;
  }
  const wall = (prof.endTime - prof.startTime) / 1000;
  const rows = [...totals].filter(([c]) => c !== "(idle)").sort((a, b) => b[1] - a[1]);
  const lines = [
    `${file}: ${(wall / 1000).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s on CPU${requests ? `, ${requests} requests → ${(busy / 1000 / requests).toFixed(2)} ms CPU per request` : ""}`,
    "",
    `| where (self time) | share | ${requests ? "ms per request |" : "ms |"}`,
    "|---|---:|---:|",
    ...rows.map(
      ([c, us]) =>
        `| ${c} | ${((100 * us) / busy).toFixed(1)} % | ${(requests ? us / 1000 / requests : us / 1000).toFixed(2)} |`,
    ),
  ];
  return lines.join("\n");
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [file, requests] = process.argv.slice(2);
  if (!file) {
    console.error("usage: tsx scripts/lib/bench/profile-summary.ts FILE.cpuprofile [requests]");
    process.exit(2);
  }
  console.log(summarize(file, requests ? Number(requests) : undefined));
}
