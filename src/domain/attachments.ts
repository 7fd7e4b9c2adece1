/** Attachment rules (SPEC §11): what may be uploaded, and where it is stored. */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Allowed content types and the extensions that go with them. */
export const ATTACHMENT_TYPES: Record<string, readonly string[]> = {
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "application/msword": ["doc"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.ms-excel": ["xls"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "text/plain": ["txt", "log", "md"],
  "text/csv": ["csv"],
};

/** Raster images a browser may show inline (never SVG or anything that can run script). */
const INLINE_SAFE = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

export function isPreviewableImage(contentType: string): boolean {
  return INLINE_SAFE.has(contentType);
}

/** "Text/Plain; charset=UTF-8" → "text/plain" (null when empty). */
export function baseMediaType(contentType: string | null | undefined): string | null {
  const t = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return t || null;
}

/** The type a download is served as: the recorded one when it is an allowed type, else a plain byte stream. */
export function servedContentType(recorded: string): string {
  const t = baseMediaType(recorded);
  if (!t || !ATTACHMENT_TYPES[t]) return "application/octet-stream";
  return t.startsWith("text/") ? `${t}; charset=utf-8` : t;
}

/** RFC 5987 / 6266: `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`. */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file name safe for storage keys and download headers: no paths, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return (cleaned || "file").slice(0, 200);
}

export type AttachmentCheck =
  { ok: true; fileName: string } | { ok: false; field: "fileName" | "contentType" | "size"; message: string };

export function checkAttachment(input: {
  fileName: string;
  contentType: string;
  size: number;
}): AttachmentCheck {
  const fileName = safeFileName(input.fileName);
  const exts = ATTACHMENT_TYPES[input.contentType];
  if (!exts)
    return { ok: false, field: "contentType", message: "Attach images, PDF, Word, Excel or text files" };
  const ext = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  if (!exts.includes(ext))
    return { ok: false, field: "fileName", message: `A ${input.contentType} file should end in .${exts[0]}` };
  if (!Number.isInteger(input.size) || input.size <= 0)
    return { ok: false, field: "size", message: "The file is empty" };
  if (input.size > MAX_ATTACHMENT_BYTES)
    return { ok: false, field: "size", message: "Files can be at most 10 MB" };
  return { ok: true, fileName };
}

/** `<org_slug>/<project_id>/<item_id>/<uuid>/<filename>` */
export function storageKey(parts: {
  orgSlug: string;
  projectId: string;
  itemId: string;
  uuid: string;
  fileName: string;
}): string {
  return [parts.orgSlug, parts.projectId, parts.itemId, parts.uuid, parts.fileName].join("/");
}
