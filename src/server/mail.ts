/**
 * Outgoing e-mail (password reset, e-mail verification, invitations).
 *
 * With SMTP_URL set, mail goes out over SMTP (nodemailer). Without it (local
 * use), each message is written to <BRAIDMGR_DATA_DIR>/outbox/ as an .eml
 * file plus a .txt copy of its text, and outside production the link is
 * logged so a developer can follow it. Links carry single-use tokens: they
 * are never logged in production.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/env";
import { logger } from "@/server/logger";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The action link inside (logged only by the dev outbox). */
  link?: string;
};

let smtp: { url: string; transport: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) smtp = { url, transport: nodemailer.createTransport(url) };
  return smtp.transport;
}

export function outboxDir(): string {
  return path.resolve(env().BRAIDMGR_DATA_DIR, "outbox");
}

async function writeToOutbox(mail: OutgoingMail & { from: string }): Promise<string> {
  const built = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const base = path.join(dir, `${stamp}-${randomBytes(3).toString("hex")}`);
  await writeFile(`${base}.eml`, built.message as Buffer, { mode: 0o600 });
  await writeFile(
    `${base}.txt`,
    `From: ${mail.from}\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`,
    { mode: 0o600 },
  );
  return `${base}.eml`;
}

/** Sends (or, without SMTP, files) one message. Rejects when delivery fails. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const e = env();
  const from = e.MAIL_FROM;
  if (e.SMTP_URL) {
    await smtpTransport(e.SMTP_URL).sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    logger.info({ subject: mail.subject }, "mail sent");
    return;
  }
  const file = await writeToOutbox({ ...mail, from });
  if (e.NODE_ENV === "production") {
    logger.info({ subject: mail.subject, file }, "mail written to the outbox (no SMTP_URL set)");
  } else {
    logger.info(
      { to: mail.to, subject: mail.subject, link: mail.link, file },
      "mail written to the dev outbox",
    );
  }
}

/**
 * Sends without making the caller wait (so a response takes the same time
 * whether or not a mail was sent); failures are logged.
 */
export function sendMailInBackground(mail: OutgoingMail): void {
  void sendMail(mail).catch((err: unknown) =>
    logger.error({ err, subject: mail.subject }, "mail delivery failed"),
  );
}

/** Absolute link into the app. Built from NEXTAUTH_URL, never from request headers. */
export function appUrl(pathAndQuery: string): string {
  const base = env().NEXTAUTH_URL ?? `http://localhost:${process.env.PORT || 3000}`;
  return new URL(pathAndQuery, base.endsWith("/") ? base : `${base}/`).toString();
}
