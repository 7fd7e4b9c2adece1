/** The text and HTML of each e-mail the app sends (pure). */
import type { OutgoingMail } from "./mail";

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function layout(
  title: string,
  paragraphs: string[],
  action: { label: string; href: string },
  footer: string,
) {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${esc(p)}</p>`).join("");
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;background:#f8fafc;padding:24px">
<div style="max-width:520px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:28px">
<h1 style="font-size:20px;margin:0 0 16px">${esc(title)}</h1>${body}
<p style="margin:24px 0"><a href="${esc(action.href)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600">${esc(action.label)}</a></p>
<p style="font-size:13px;color:#475569;margin:0 0 8px">If the button does not work, copy this link into your browser:<br><span style="word-break:break-all">${esc(action.href)}</span></p>
<p style="font-size:13px;color:#475569;margin:16px 0 0">${esc(footer)}</p>
</div></body></html>`;
}

function text(title: string, paragraphs: string[], action: { label: string; href: string }, footer: string) {
  return [
    title,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    `${action.label}: ${action.href}`,
    "",
    footer,
  ].join("\n");
}

function mail(
  to: string,
  subject: string,
  paragraphs: string[],
  action: { label: string; href: string },
  footer: string,
): OutgoingMail {
  return {
    to,
    subject,
    text: text(subject, paragraphs, action, footer),
    html: layout(subject, paragraphs, action, footer),
    link: action.href,
  };
}

export function passwordResetMail(to: string, name: string, link: string): OutgoingMail {
  return mail(
    to,
    "Reset your braidMgr password",
    [`Hi ${name},`, "Someone (hopefully you) asked to reset the password of your braidMgr account."],
    { label: "Choose a new password", href: link },
    "The link works once and expires in 1 hour. If you did not ask for it, ignore this e-mail; your password stays as it is.",
  );
}

export function verifyEmailMail(to: string, name: string, link: string): OutgoingMail {
  return mail(
    to,
    "Confirm your e-mail address for braidMgr",
    [`Hi ${name},`, `Please confirm that ${to} is your e-mail address.`],
    { label: "Confirm e-mail address", href: link },
    "The link expires in 24 hours. If you did not create a braidMgr account, ignore this e-mail.",
  );
}

export function invitationMail(
  to: string,
  input: { orgName: string; inviterName: string | null; role: string; link: string },
): OutgoingMail {
  const who = input.inviterName ? `${input.inviterName} invited you` : "You have been invited";
  return mail(
    to,
    `Join ${input.orgName} on braidMgr`,
    [
      `${who} to join ${input.orgName} on braidMgr as ${input.role === "admin" ? "an admin" : input.role === "owner" ? "an owner" : "a member"}.`,
      "Nothing changes for you until you accept. If you already have an account, you can also accept or decline the invitation after signing in.",
    ],
    { label: "Accept the invitation", href: input.link },
    "The invitation is valid for 7 days and can be used once. If you were not expecting it, ignore this e-mail.",
  );
}

/** Someone tried to register with an address that already has an account (the form answers the same either way). */
export function accountExistsMail(
  to: string,
  name: string,
  links: { signIn: string; reset: string },
): OutgoingMail {
  return mail(
    to,
    "Your braidMgr account",
    [
      `Hi ${name},`,
      `Someone (hopefully you) tried to create a braidMgr account for ${to}, but you already have one, so nothing was created.`,
      `Sign in with your password, or choose a new one here: ${links.reset}`,
    ],
    { label: "Sign in", href: links.signIn },
    "If it was not you, ignore this e-mail: your account is unchanged.",
  );
}

export type DigestLine = { text: string; href: string };
export type DigestGroup = { heading: string; href: string; unread: DigestLine[]; dueTomorrow: DigestLine[] };

/** The daily digest: per project, unread notifications and what is due tomorrow, each with a link. */
export function digestMail(
  to: string,
  input: { name: string; date: string; groups: DigestGroup[]; prefsLink: string; optOutLink: string },
): OutgoingMail {
  const subject = `Your braidMgr digest for ${input.date}`;
  const section = (label: string, lines: DigestLine[]) =>
    lines.length ? [`  ${label}:`, ...lines.map((l) => `  - ${l.text}\n    ${l.href}`)] : [];
  const textBody = [
    subject,
    "",
    `Hi ${input.name},`,
    "",
    ...input.groups.flatMap((g) => [
      `${g.heading} (${g.href})`,
      ...section("Unread", g.unread),
      ...section("Due tomorrow", g.dueTomorrow),
      "",
    ]),
    `Notification settings: ${input.prefsLink}`,
    `Stop these e-mails (one click): ${input.optOutLink}`,
  ].join("\n");
  const htmlList = (label: string, lines: DigestLine[]) =>
    lines.length
      ? `<p style="margin:8px 0 4px;font-weight:600">${esc(label)}</p><ul style="margin:0 0 8px;padding-left:20px">${lines
          .map((l) => `<li><a href="${esc(l.href)}" style="color:#1d4ed8">${esc(l.text)}</a></li>`)
          .join("")}</ul>`
      : "";
  const groups = input.groups
    .map(
      (g) =>
        `<h2 style="font-size:16px;margin:20px 0 4px"><a href="${esc(g.href)}" style="color:#0f172a">${esc(g.heading)}</a></h2>${htmlList("Unread", g.unread)}${htmlList("Due tomorrow", g.dueTomorrow)}`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;background:#f8fafc;padding:24px">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:28px">
<h1 style="font-size:20px;margin:0 0 16px">${esc(subject)}</h1><p style="margin:0 0 8px">Hi ${esc(input.name)},</p>${groups}
<p style="font-size:13px;color:#475569;margin:24px 0 0"><a href="${esc(input.prefsLink)}">Notification settings</a> · <a href="${esc(input.optOutLink)}">Stop these e-mails</a></p>
</div></body></html>`;
  return { to, subject, text: textBody, html, link: input.prefsLink };
}
