/**
 * Attachment storage in any S3-compatible store. Browsers upload and download
 * directly with short-lived presigned URLs; the app only signs and verifies.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "@/env";
import { contentDisposition, servedContentType } from "@/domain/attachments";

const g = globalThis as unknown as { __braidS3?: S3Client };

export function storageConfigured(): boolean {
  const e = env();
  return !!e.S3_ENDPOINT || !!e.S3_ACCESS_KEY_ID;
}

function client(): S3Client {
  const e = env();
  g.__braidS3 ??= new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
  return g.__braidS3;
}

const UPLOAD_TTL = 10 * 60;
const DOWNLOAD_TTL = 5 * 60;

/** A PUT URL bound to this exact type and size: S3 refuses any other body. */
export function presignUpload(key: string, contentType: string, size: number): Promise<string> {
  return getSignedUrl(
    client(),
    new PutObjectCommand({
      Bucket: env().S3_BUCKET,
      Key: key,
      ContentType: contentType,
      ContentLength: size,
    }),
    {
      expiresIn: UPLOAD_TTL,
      signableHeaders: new Set(["content-type", "content-length"]),
    },
  );
}

/**
 * A GET URL that makes the store answer with our type and disposition
 * (response-content-type / response-content-disposition), whatever the
 * object was stored with: the browser saves the file unless `inline` (only
 * for raster images), and never renders it as a page.
 */
export function presignDownload(
  key: string,
  fileName: string,
  contentType: string,
  inline: boolean,
): Promise<string> {
  return getSignedUrl(
    client(),
    new GetObjectCommand({
      Bucket: env().S3_BUCKET,
      Key: key,
      ResponseContentType: servedContentType(contentType),
      ResponseContentDisposition: contentDisposition(inline ? "inline" : "attachment", fileName),
    }),
    { expiresIn: DOWNLOAD_TTL },
  );
}

/** Size and type of a stored object, or null when it is not there. */
export async function headObject(key: string): Promise<{ size: number; contentType: string | null } | null> {
  try {
    const r = await client().send(new HeadObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
    return { size: r.ContentLength ?? 0, contentType: r.ContentType ?? null };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (err as { name?: string }).name === "NotFound") return null;
    throw err;
  }
}

export async function deleteObject(key: string): Promise<void> {
  await client().send(new DeleteObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
}

/** Tests and scripts that change the S3 settings call this. */
export function resetStorageClient(): void {
  g.__braidS3 = undefined;
}
