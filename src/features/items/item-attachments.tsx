"use client";

import { Download, FileText, Paperclip, Trash2, Upload } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ATTACHMENT_TYPES, checkAttachment } from "@/domain/attachments";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorInfo } from "@/lib/trpc-error";
import { api, type RouterOutputs } from "@/trpc/react";

type Scope = { orgSlug: string; projectId: string };
type Attachment = RouterOutputs["attachment"]["list"][number];

const ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES),
  ...Object.values(ATTACHMENT_TYPES)
    .flat()
    .map((e) => `.${e}`),
].join(",");

/** Browsers leave `type` empty for some files (e.g. .md); fall back to the extension. */
function contentTypeOf(file: File): string {
  if (file.type && ATTACHMENT_TYPES[file.type]) return file.type;
  const ext = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const hit = Object.entries(ATTACHMENT_TYPES).find(([, exts]) => exts.includes(ext));
  return hit?.[0] ?? file.type ?? "";
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const NOT_CONFIGURED = /file storage is not configured/i;

/** PUT with progress (fetch has no upload progress). */
function putWithProgress(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (p: number) => void,
) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`The upload failed (HTTP ${xhr.status})`));
    xhr.onerror = () => reject(new Error("The upload failed. Check your connection and try again."));
    xhr.send(file);
  });
}

/** Item attachments: list, upload (presigned PUT), image previews, downloads and deletes. */
export function ItemAttachments({
  scope,
  itemNum,
  mayUpload,
  mayDeleteAny,
  userId,
}: {
  scope: Scope;
  itemNum: number;
  mayUpload: boolean;
  /** PM/admin; uploaders may delete their own (the server checks either way). */
  mayDeleteAny: boolean;
  userId: string | null;
}) {
  const toast = useToast();
  const ref = { ...scope, itemNum };
  const list = api.attachment.list.useQuery(ref);
  const start = api.attachment.startUpload.useMutation();
  const complete = api.attachment.completeUpload.useMutation();
  const remove = api.attachment.delete.useMutation();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const [progress, setProgress] = useState<{ name: string; pct: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notConfigured, setNotConfigured] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    const contentType = contentTypeOf(file);
    const check = checkAttachment({ fileName: file.name, contentType, size: file.size });
    if (!check.ok) {
      setError(`${file.name}: ${check.message}`);
      return;
    }
    setProgress({ name: check.fileName, pct: 0 });
    try {
      const signed = await start.mutateAsync({ ...ref, fileName: file.name, contentType, size: file.size });
      await putWithProgress(signed.uploadUrl, file, signed.headers, (pct) =>
        setProgress({ name: check.fileName, pct }),
      );
      await complete.mutateAsync({ ...ref, key: signed.key, fileName: signed.fileName, contentType });
      toast.success("File attached", signed.fileName);
    } catch (err) {
      const info = errorInfo(err);
      if (NOT_CONFIGURED.test(info.message)) {
        setNotConfigured(true);
      } else {
        const field = Object.values(info.fieldErrors).flat()[0];
        setError(`${file.name}: ${field ?? info.message}`);
      }
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  async function onDelete(a: Attachment) {
    try {
      await remove.mutateAsync({ ...ref, attachmentId: a.id });
      toast.success("Attachment deleted", a.fileName);
    } catch (err) {
      toast.error("Couldn't delete the attachment", errorInfo(err).message);
    } finally {
      setConfirming(null);
    }
  }

  const rows = list.data ?? [];
  return (
    <section aria-labelledby="attachments-h" className="border-t border-slate-200 pt-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="attachments-h" className="text-sm font-semibold text-slate-900">
          Attachments {list.data && <span className="font-normal text-slate-600">({rows.length})</span>}
        </h3>
        {mayUpload && !notConfigured && (
          <>
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              accept={ACCEPT}
              className="sr-only"
              tabIndex={-1}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
            <Button
              variant="secondary"
              size="sm"
              loading={!!progress}
              onClick={() => inputRef.current?.click()}
            >
              {!progress && <Upload className="size-4" aria-hidden="true" />}
              Attach file
            </Button>
          </>
        )}
      </div>
      {mayUpload && !notConfigured && (
        <p className="mt-1 text-xs text-slate-600">Images, PDF, Word, Excel or text, up to 10 MB.</p>
      )}
      {notConfigured && (
        <p className="mt-1 text-xs text-slate-600">
          File uploads are not available: file storage is not configured on this server.
        </p>
      )}
      {progress && (
        <div className="mt-3" role="status">
          <div className="flex justify-between text-xs text-slate-700">
            <span className="truncate">Uploading {progress.name}…</span>
            <span>{progress.pct}%</span>
          </div>
          <div
            className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200"
            role="progressbar"
            aria-label={`Uploading ${progress.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.pct}
          >
            <div className="h-full bg-blue-700 transition-[width]" style={{ width: `${progress.pct}%` }} />
          </div>
        </div>
      )}
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      )}

      {list.isPending ? (
        <Skeleton className="mt-3 h-12 w-full" />
      ) : list.isError ? (
        <p className="mt-2 text-sm text-red-700">
          Couldn&apos;t load attachments: {errorInfo(list.error).message}
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-2 flex items-center gap-1.5 text-sm text-slate-600">
          <Paperclip className="size-4" aria-hidden="true" /> No files attached.
        </p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200">
          {rows.map((a) => (
            <AttachmentRow
              key={a.id}
              attachment={a}
              refInput={ref}
              storageMissing={notConfigured}
              mayDelete={mayDeleteAny || (!!userId && a.uploadedById === userId)}
              confirming={confirming === a.id}
              deleting={remove.isPending && remove.variables?.attachmentId === a.id}
              onAskDelete={() => setConfirming(a.id)}
              onCancelDelete={() => setConfirming(null)}
              onDelete={() => void onDelete(a)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AttachmentRow({
  attachment: a,
  refInput,
  storageMissing,
  mayDelete,
  confirming,
  deleting,
  onAskDelete,
  onCancelDelete,
  onDelete,
}: {
  attachment: Attachment;
  refInput: Scope & { itemNum: number };
  storageMissing: boolean;
  mayDelete: boolean;
  confirming: boolean;
  deleting: boolean;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
}) {
  const toast = useToast();
  const utils = api.useUtils();
  // Presigned URLs expire; fetch the preview lazily and keep it a few minutes.
  const preview = api.attachment.downloadUrl.useQuery(
    { ...refInput, attachmentId: a.id, inline: true },
    { enabled: a.previewable && !storageMissing, staleTime: 4 * 60_000, retry: false },
  );
  const [downloading, setDownloading] = useState(false);

  async function download() {
    setDownloading(true);
    try {
      const { url } = await utils.attachment.downloadUrl.fetch({ ...refInput, attachmentId: a.id });
      const link = document.createElement("a");
      link.href = url;
      link.download = a.fileName;
      link.rel = "noopener";
      document.body.appendChild(link);
      link.click();
      link.remove();
    } catch (err) {
      toast.error("Couldn't download the file", errorInfo(err).message);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2">
      {a.previewable && preview.data ? (
        <a href={preview.data.url} target="_blank" rel="noopener noreferrer" className="shrink-0">
          <img
            src={preview.data.url}
            alt={`Preview of ${a.fileName}`}
            className="size-12 rounded-md border border-slate-200 object-cover"
          />
        </a>
      ) : (
        <span className="flex size-12 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600">
          <FileText className="size-5" aria-hidden="true" />
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900" title={a.fileName}>
          {a.fileName}
        </p>
        <p className="text-xs text-slate-600">
          {formatBytes(a.size)} · <RelativeTime value={a.createdAt} />
        </p>
      </div>
      <div className="flex items-center gap-1">
        {confirming ? (
          <>
            <span className="text-sm text-slate-800">Delete?</span>
            <Button variant="danger" size="sm" loading={deleting} onClick={onDelete}>
              Delete
            </Button>
            <Button variant="secondary" size="sm" onClick={onCancelDelete}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="ghost"
              size="icon"
              loading={downloading}
              onClick={() => void download()}
              aria-label={`Download ${a.fileName}`}
              title="Download"
            >
              {!downloading && <Download className="size-4" aria-hidden="true" />}
            </Button>
            {mayDelete && (
              <Button
                variant="ghost"
                size="icon"
                className="text-red-700 hover:bg-red-50"
                onClick={onAskDelete}
                aria-label={`Delete ${a.fileName}`}
                title="Delete"
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            )}
          </>
        )}
      </div>
    </li>
  );
}
