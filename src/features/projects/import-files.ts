/**
 * Reading the files chosen for an import in the browser: text for YAML and
 * CSV, base64 for an Excel workbook, with progress; and telling a RAID log
 * from a Budget file from an item table.
 */
export type ImportFileKind = "raid" | "budget" | "csv" | "xlsx";
export type ChosenFile = { name: string; kind: ImportFileKind; data: string; size: number };

/** By extension, then (for YAML) by its top-level keys: a Budget file has a rate card, ledger or timesheets and no items. */
export function kindOf(name: string, text?: string): ImportFileKind {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (ext === "xlsx") return "xlsx";
  if (ext === "csv" || ext === "tsv") return "csv";
  if (
    text !== undefined &&
    !/^items\s*:/m.test(text) &&
    /^(rate_card|budget_ledger|timesheet_data)\s*:/m.test(text)
  )
    return "budget";
  return "raid";
}

/** Reads a file as text (or base64 for a workbook), reporting the fraction read. */
export function readFile(file: File, onProgress: (loaded: number) => void): Promise<ChosenFile> {
  const binary = kindOf(file.name) === "xlsx";
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onerror = () => reject(new Error(`${file.name} could not be read`));
    reader.onload = () => {
      onProgress(file.size);
      const result = String(reader.result ?? "");
      const data = binary ? result.slice(result.indexOf(",") + 1) : result;
      resolve({ name: file.name, kind: binary ? "xlsx" : kindOf(file.name, data), data, size: file.size });
    };
    if (binary) reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}

/** "RAID-Log-Harbor-Bridge.yaml" → "Harbor Bridge": a project name from a file name. */
export function nameFromFile(name: string): string {
  return (
    name
      .replace(/\.[^.]+$/, "")
      .replace(/^(raid|braid)[-_ ]?log[-_ ]?/i, "")
      .replace(/[-_]+/g, " ")
      .trim()
      .slice(0, 200) || "Imported project"
  );
}
