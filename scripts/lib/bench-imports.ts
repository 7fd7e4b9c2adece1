/**
 * Import rows of `npm run bench`: realistic generated v1 files (see
 * v1-generator.ts) through the same paths operators and the app use.
 *
 * - parse a 10,000-item RAID log (pure);
 * - import it through `project.importYaml` (what `npm run admin -- import-yaml` calls);
 * - the same through the CLI itself, as a separate process (start-up included);
 * - a Budget file with 100,000 timesheet rows through `budget.importYaml`;
 * - a 100,000-row timesheet CSV through `budget.timesheet.importCsv`.
 *
 * Sizes can be lowered for a quick run: BENCH_IMPORT_ITEMS, BENCH_IMPORT_ROWS.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseRaidYaml } from "../../src/domain/yaml-v1";
import { generateBudgetYaml, generateRaidYaml, generateTimesheetCsv } from "./v1-generator";

export type BenchRow = { name: string; p50: number; p95: number; target: number; note?: string };

type Caller = {
  project: {
    importYaml(input: {
      orgSlug: string;
      raid: string;
      name?: string;
    }): Promise<{ projectId: string; items: number }>;
    create(input: { orgSlug: string; name: string }): Promise<{ id: string }>;
  };
  budget: {
    importYaml(input: {
      orgSlug: string;
      projectId: string;
      budget: string;
      replace?: boolean;
    }): Promise<{ timesheets: number }>;
    timesheet: {
      importCsv(input: {
        orgSlug: string;
        projectId: string;
        csv: string;
        mapping: Record<string, number | null>;
        duplicates?: "reject" | "replace" | "add";
      }): Promise<{ imported: number }>;
    };
  };
};

const ITEMS = Number(process.env.BENCH_IMPORT_ITEMS ?? 10_000);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

/** One timed run (imports are too slow to repeat 30 times); notes the CPU this process spent. */
async function once(name: string, target: number, fn: () => Promise<unknown> | unknown): Promise<BenchRow> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    name,
    p50: ms,
    p95: ms,
    target,
    note: `node cpu ${Math.round((used.user + used.system) / 1000)} ms`,
  };
}

export async function importRows(api: Caller, orgSlug: string, root: string): Promise<BenchRow[]> {
  const raid = generateRaidYaml({ items: ITEMS, seed: 7 }).yaml;
  const budget = generateBudgetYaml({ timesheets: ROWS, seed: 8 }).yaml;
  const csv = generateTimesheetCsv({ rows: ROWS, seed: 9 }).csv;
  const k = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
  const rows: BenchRow[] = [];

  rows.push(
    await once(`parse ${k(ITEMS)} RAID YAML (pure)`, 3_000, () => {
      const r = parseRaidYaml(raid);
      if (!r.ok) throw new Error(`generated log did not parse: ${r.errors[0]?.message}`);
    }),
  );
  rows.push(
    await once(`import ${k(ITEMS)} RAID YAML (project.importYaml)`, 10_000, async () => {
      const r = await api.project.importYaml({ orgSlug, raid, name: "Bench import" });
      if (r.items !== ITEMS) throw new Error(`imported ${r.items} items`);
    }),
  );

  // The CLI as an operator runs it: a new process, reading the file, through the same procedure.
  const dir = await mkdtemp(path.join(os.tmpdir(), "braidmgr-bench-import-"));
  try {
    const file = path.join(dir, "raid.yaml");
    await writeFile(file, raid);
    rows.push(
      await once(`import-yaml CLI ${k(ITEMS)} (process start included)`, 15_000, async () => {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            path.join(root, "node_modules/tsx/dist/cli.mjs"),
            "scripts/admin.ts",
            "import-yaml",
            "--org",
            orgSlug,
            "--raid",
            file,
          ],
          {
            cwd: root,
            env: { ...process.env, LOG_LEVEL: "silent", BRAIDMGR_DATA_DIR: dir },
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        const out = JSON.parse(stdout) as { items?: number };
        if (out.items !== ITEMS) throw new Error(`CLI imported ${out.items} items`);
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const forBudget = await api.project.create({ orgSlug, name: "Bench budget" });
  rows.push(
    await once(`budget YAML ${k(ROWS)} timesheet rows`, 20_000, async () => {
      const r = await api.budget.importYaml({ orgSlug, projectId: forBudget.id, budget });
      if (r.timesheets !== ROWS) throw new Error(`imported ${r.timesheets} timesheets`);
    }),
  );
  const forCsv = await api.project.create({ orgSlug, name: "Bench CSV" });
  rows.push(
    await once(`timesheet CSV ${k(ROWS)} rows`, 15_000, async () => {
      const r = await api.budget.timesheet.importCsv({
        orgSlug,
        projectId: forCsv.id,
        csv,
        mapping: { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4, cost: null },
      });
      if (r.imported !== ROWS) throw new Error(`imported ${r.imported} rows`);
    }),
  );
  return rows;
}
