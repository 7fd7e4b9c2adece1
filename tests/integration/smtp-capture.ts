/**
 * A real SMTP server (smtp-server) on a free loopback port that keeps every
 * message it receives, so tests can read the mails the app sends.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { from: string; to: string[]; raw: string; text: string };

/** Undoes quoted-printable soft breaks and escapes (enough to read links). */
export function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export async function startSmtpCapture() {
  const mails: CapturedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;

  /** Waits for a mail to `to` (optionally matching), among those after the first `since` mails. */
  async function waitForMail(
    to: string,
    opts: { match?: RegExp; timeoutMs?: number; since?: number } = {},
  ): Promise<CapturedMail> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      const hit = mails
        .slice(opts.since ?? 0)
        .find((m) => m.to.includes(to) && (!opts.match || opts.match.test(m.text)));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail to ${to} within the timeout (got ${mails.length} mails)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMail,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `path` in a mail. */
export function linkToken(mail: CapturedMail, path: string): string {
  const m = new RegExp(`https?://[^\\s"<>]*${path.replace("/", "\\/")}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.text,
  );
  if (!m) throw new Error(`no ${path} link in the mail`);
  return m[1]!;
}
