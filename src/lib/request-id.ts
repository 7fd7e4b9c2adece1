/**
 * A fresh id for a create the server must not repeat (item.create `requestId`), or undefined
 * where the browser has no `crypto.randomUUID` (it needs a secure context: https or localhost).
 */
export function newRequestId(): string | undefined {
  return typeof crypto !== "undefined" && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : undefined;
}
