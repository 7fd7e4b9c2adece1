/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
 * The native engine binary cannot be downloaded on our machines; the WASM
 * build computes the same migration SQL. Used only by tooling (creating
 * migrations, drift checks) — never by the app.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string | null }>;
};

let wasmReady: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

async function loadWasm() {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const module = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    (bg as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

export type SchemaFile = { path: string; content: string };

async function engineFor(schema: SchemaFile, connectionString: string): Promise<Engine> {
  const bg = await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const SchemaEngine = (bg as unknown as { SchemaEngine: { new: (...a: unknown[]) => Promise<Engine> } })
    .SchemaEngine;
  return SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => undefined, adapter);
}

/**
 * SQL that takes a database from `from` (null = empty) to `to`. An empty
 * string means there is nothing to migrate. `connectionString` must reach a
 * PostgreSQL server (the engine wants an adapter even for file-to-file diffs).
 */
export async function diffSchemas(
  from: SchemaFile | null,
  to: SchemaFile,
  connectionString: string,
): Promise<string> {
  const engine = await engineFor(to, connectionString);
  const result = await engine.diff({
    from: from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [to] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? "").trim();
  return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
}
