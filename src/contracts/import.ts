/**
 * Imports from the web app and the API: v1 YAML (RAID log + optional Budget
 * file) and item tables (CSV or Excel) with a column mapping, into a new
 * project or an existing empty one. Each has a preview that writes nothing.
 */
import { z } from "zod";
import { IMPORT_LIMITS } from "@/domain/limits";
import { ITEM_TABLE_FIELDS } from "@/domain/item-table-fields";

const MAX_FILE = IMPORT_LIMITS.fileChars;
const MAX_MB = `${IMPORT_LIMITS.fileChars / 1_000_000} MB`;

const ZRaid = z
  .string()
  .min(1, "The RAID log is empty")
  .max(MAX_FILE, `The RAID log is larger than ${MAX_MB}`);
const ZBudget = z.string().max(MAX_FILE, `The budget file is larger than ${MAX_MB}`).nullish();
const ZName = z.string().trim().min(1, "Enter a project name").max(200, "Use at most 200 characters");

/** project.importYaml / project.importPreview: a v1 RAID log, optionally its Budget file, into a new project. */
export const ZImportYaml = z.object({ raid: ZRaid, budget: ZBudget, name: ZName.optional() });
export type TImportYaml = z.infer<typeof ZImportYaml>;

/** project.importInto: the same files into the (empty) project of the call. */
export const ZImportInto = z.object({ raid: ZRaid, budget: ZBudget });

/**
 * An item table: CSV text, or an .xlsx workbook as base64 (its first sheet is
 * read). Base64 is a third larger than the file, so the same character limit
 * allows a workbook of about 30 MB.
 */
export const ZItemTableFile = z.object({
  kind: z.enum(["csv", "xlsx"]),
  data: z.string().min(1, "The file is empty").max(MAX_FILE, `The file is larger than ${MAX_MB}`),
});

/** Field → column index (0-based); null or absent = not in the file. */
export const ZItemTableMapping = z.partialRecord(
  z.enum(ITEM_TABLE_FIELDS),
  z.int().min(0).max(1000).nullable(),
);

export const ZItemTablePreview = z.object({ file: ZItemTableFile, mapping: ZItemTableMapping.optional() });
export const ZItemTableImport = z.object({ file: ZItemTableFile, mapping: ZItemTableMapping, name: ZName });
export const ZItemTableImportInto = z.object({ file: ZItemTableFile, mapping: ZItemTableMapping });
