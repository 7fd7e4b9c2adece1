/**
 * Items from a CSV file or an Excel workbook (its first sheet): read on the
 * server, previewed with the column mapping, then imported all or nothing —
 * into a new project or an existing empty one — by the same writer as the
 * v1 YAML import (import.ts), with the same audit and baseline.
 */
import ExcelJS from "exceljs";
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { readCsv } from "@/domain/csv-read";
import { DomainError } from "@/domain/errors";
import { IMPORT_LIMITS } from "@/domain/limits";
import type { AssignableMember } from "@/domain/assignees";
import type { IsoDate } from "@/domain/types";
import {
  describeTableIssue,
  readItemTable,
  suggestItemMapping,
  type ItemTable,
  type ItemTableIssue,
  type ItemTableMapping,
} from "@/domain/item-table";
import { importIntoProject, importProject, type Parsed } from "./import";
import { summarizeItems } from "./import-preview";

export type TableFile = { kind: "csv" | "xlsx"; data: string };

const unreadable = (message: string): never => {
  throw new DomainError("INVALID", message, { fieldErrors: { file: [message] } });
};

/** The text a spreadsheet shows for a cell, dates as YYYY-MM-DD and percentages as whole percent. */
function cellText(cell: ExcelJS.Cell): string {
  let v: unknown = cell.value;
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ("result" in o) v = o.result;
    else if (o.richText) v = o.richText.map((r) => r.text).join("");
    else if ("text" in o) v = o.text;
    else if ("error" in o) v = "";
  }
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") {
    const percent = /%/.test(cell.numFmt ?? "");
    return String(percent ? Math.round(v * 100 * 1e6) / 1e6 : v);
  }
  if (typeof v === "boolean") return v ? "Yes" : "No";
  return typeof v === "string" ? v : "";
}

async function readWorkbook(base64: string): Promise<ItemTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, "base64") as unknown as ArrayBuffer);
  } catch {
    unreadable("The file is not an Excel workbook (.xlsx) that can be read");
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return unreadable("The workbook has no sheets");
  const rows: { line: number; cells: string[] }[] = [];
  const width = Math.min(sheet.columnCount, 1000);
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1)));
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowNumber, cells });
  });
  const [header, ...records] = rows;
  if (!header) return unreadable("The first sheet is empty");
  // Trailing columns without a heading or a value are dropped.
  let n = header.cells.length;
  while (n > 0 && header.cells[n - 1]!.trim() === "" && records.every((r) => (r.cells[n - 1] ?? "") === ""))
    n--;
  return {
    headers: header.cells.slice(0, n).map((h) => h.trim()),
    records: records.map((r) => ({ line: r.line, cells: r.cells.slice(0, n) })),
  };
}

/** Headings and rows of the file; an unreadable file is refused (INVALID, field `file`). */
export async function readTableFile(file: TableFile): Promise<ItemTable> {
  let table: ItemTable;
  if (file.kind === "xlsx") table = await readWorkbook(file.data);
  else {
    const csv = readCsv(file.data);
    if (!csv.ok) return unreadable(csv.line ? `Line ${csv.line}: ${csv.message}` : csv.message);
    table = { headers: csv.headers, records: csv.records };
  }
  if (table.records.length > IMPORT_LIMITS.csvRows) {
    unreadable(
      `The file has ${table.records.length} rows; import at most ${IMPORT_LIMITS.csvRows} at a time`,
    );
  }
  return table;
}

const SAMPLE_ROWS = 5;

/** project.importTablePreview: headings, the first rows, the mapping, and what the rows would become. */
export async function previewItemTable(file: TableFile, mapping?: ItemTableMapping) {
  const table = await readTableFile(file);
  const suggestedMapping = suggestItemMapping(table.headers);
  const used = mapping ?? suggestedMapping;
  const r = readItemTable(table, used);
  const workstreams = [...new Set(r.items.flatMap((i) => (i.workstream ? [i.workstream] : [])))];
  return {
    headers: table.headers,
    sampleRows: table.records.slice(0, SAMPLE_ROWS).map((rec) => rec.cells),
    suggestedMapping,
    mapping: used,
    rowCount: r.rowCount,
    summary: summarizeItems(r.items, workstreams),
    errors: r.errors.slice(0, IMPORT_LIMITS.reportedProblems),
    errorCount: r.errors.length,
  };
}

function refuseTable(file: TableFile, errors: ItemTableIssue[]): never {
  const lineWord = file.kind === "xlsx" ? "sheet row" : "line";
  const n = errors.length;
  const listed = errors.slice(0, IMPORT_LIMITS.reportedProblems).map((e) => describeTableIssue(e, lineWord));
  throw new DomainError(
    "INVALID",
    `The file has ${n} problem${n === 1 ? "" : "s"}: ${listed.slice(0, 3).join("; ")}${n > 3 ? " …" : ""}`,
    {
      details: { errors: errors.slice(0, IMPORT_LIMITS.reportedProblems), errorCount: n },
      fieldErrors: {
        file: n > listed.length ? [...listed, `… and ${n - listed.length} more problems`] : listed,
      },
    },
  );
}

/** The table as an import: items with no notes or dependencies, workstreams in order of first use. */
async function parsedTable(file: TableFile, mapping: ItemTableMapping, name: string): Promise<Parsed> {
  const r = readItemTable(await readTableFile(file), mapping);
  if (r.errors.length > 0) refuseTable(file, r.errors);
  const workstreams = [...new Set(r.items.flatMap((i) => (i.workstream ? [i.workstream] : [])))];
  return {
    project: {
      name,
      clientName: null,
      projectStart: null,
      projectEnd: null,
      nextItemNum: r.items.reduce((max, i) => Math.max(max, i.itemNum + 1), 1),
      workstreams,
    },
    items: r.items,
    budget: null,
    warnings: [],
  };
}

type Where = { name: string } | { projectId: string };

/** Imports the rows into a new project (`name`) or an existing empty one (`projectId`), all or nothing. */
export async function importItemTable(
  db: TenantDb,
  actor: AuditActor,
  input: { file: TableFile; mapping: ItemTableMapping } & Where,
  today: IsoDate,
  members: readonly AssignableMember[],
) {
  const source = input.file.kind === "xlsx" ? "Excel" : "CSV";
  if ("projectId" in input) {
    const parsed = await parsedTable(input.file, input.mapping, "");
    return importIntoProject(db, actor, input.projectId, parsed, today, { members, source });
  }
  const parsed = await parsedTable(input.file, input.mapping, input.name);
  return importProject(db, actor, parsed, today, { members, source });
}
