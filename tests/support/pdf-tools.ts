/** pdftotext / pdftoppm (poppler-utils) on a PDF held in memory. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pdftext-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

export function pdfPageCount(pdf: Buffer): number {
  const dir = mkdtempSync(path.join(tmpdir(), "pdfinfo-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Renders every page to PNG; returns the files, in page order. */
export function pdfToPngs(pdf: Buffer, dpi = 60): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "pdfppm-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", String(dpi), "-png", file, path.join(dir, "page")]);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}
