/**
 * Server configuration, validated once on first use. An invalid setting stops
 * the process with a message naming the setting (fail fast). `.env.example`
 * documents every variable.
 */
import { z } from "zod";
import { parseTrustedProxies } from "@/server/net/trusted-proxies";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Five cron fields: numbers, names (MON, JAN), *, ranges, lists and steps.
const CRON_FIELD =
  /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;
const cron = z
  .string()
  .trim()
  .refine(
    (v) => {
      const fields = v.split(/\s+/);
      return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
    },
    { error: 'must be a five-field cron expression, e.g. "5 0 * * *"' },
  );

/** Cluster keys: what organizations.cluster_key (64 characters) holds. */
export const CLUSTER_KEY_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const ZClusters = z.record(
  z
    .string()
    .regex(CLUSTER_KEY_RE, "keys are lower-case letters, digits, - and _")
    .refine((k) => k !== "default", { error: '"default" is reserved for the server of DATABASE_URL' }),
  z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
);

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({
    protocol: /^postgres(ql)?$/,
    error: "must be a postgresql:// URL to the central database",
  }),
  /**
   * JSON map of extra PostgreSQL servers for org databases:
   * {"eu-1":"postgresql://user:pw@host:5432/postgres"}. The key "default" is
   * reserved for the server of DATABASE_URL.
   */
  DATABASE_CLUSTERS: z
    .string()
    .default("{}")
    .transform((s, ctx) => {
      const parsed = ZClusters.safeParse(safeJson(s));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join(".")}: ${issue.message})` : "";
      ctx.addIssue({
        code: "custom",
        message: `must be a JSON object of cluster key → postgresql:// URL${where}`,
      });
      return z.NEVER;
    }),
  /**
   * Where new org databases go when nobody chooses: a cluster key ("default" =
   * the server of DATABASE_URL). Not used with ORG_PLACEMENT=least-loaded.
   */
  DEFAULT_CLUSTER: z.string().regex(CLUSTER_KEY_RE, "must be a cluster key").default("default"),
  /** fixed: DEFAULT_CLUSTER; least-loaded: the cluster holding the fewest org databases. */
  ORG_PLACEMENT: z.enum(["fixed", "least-loaded"]).default("fixed"),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)"),
  NEXTAUTH_URL: z.url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For / X-Real-IP are believed (IPs, CIDRs,
   * "loopback", "private"). Empty: none — the client is the TCP peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (err) {
        ctx.addIssue({
          code: "custom",
          message: `${(err as Error).message}; use IPs and CIDR ranges, comma-separated`,
        });
      }
    }),
  /** Each organization is a database: how many one user may create per day, and own in all. */
  ORGS_PER_USER_PER_DAY: z.coerce.number().int().min(0).default(3),
  ORGS_PER_USER_MAX: z.coerce.number().int().min(0).default(10),
  /** 32-byte key (base64/base64url) used to encrypt secrets at rest, e.g. SSO client secrets. */
  ENCRYPTION_KEY: z
    .string()
    .min(32)
    .optional()
    .refine((v) => v === undefined || decodeEncryptionKey(v) !== null, {
      error: "must be 32 random bytes as base64, base64url or 64 hex digits (openssl rand -base64 32)",
    }),
  /** Google sign-in: enabled when both are set. */
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  /** Microsoft Entra ID sign-in: enabled when id and secret are set (tenant defaults to "common"). */
  AZURE_AD_CLIENT_ID: z.string().optional(),
  AZURE_AD_CLIENT_SECRET: z.string().optional(),
  AZURE_AD_TENANT_ID: z.string().optional(),
  /** Local state; the dev mail outbox (no SMTP_URL) is <dir>/outbox. */
  BRAIDMGR_DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Calendar used for "today" in indicators. */
  APP_TIME_ZONE: z.string().default("UTC"),
  /** Org databases are named <prefix><slug>. */
  ORG_DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,14}$/, "lower-case letters, digits and _ (at most 15)")
    .default("braidmgr_org_"),
  /** Optional: create org databases from this migrated template (faster provisioning). */
  TENANT_TEMPLATE_DATABASE: z.string().optional(),
  TENANT_CLIENT_CACHE_MAX: z.coerce.number().int().min(1).max(10_000).default(50),
  TENANT_CLIENT_IDLE_SECONDS: z.coerce.number().int().min(5).default(600),
  TENANT_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * How long each app instance may reuse what it read about a caller (session user, org membership,
   * project role) before asking the database again; changes also reach every instance at once via
   * NOTIFY. 0 turns the cache off.
   */
  ACCESS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(30).default(5),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("braidMgr <no-reply@braidmgr.local>"),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().default("braidmgr-attachments"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_MODEL: z.string().default("claude-sonnet-4-5"),
  /** Retries (with exponential back-off) on 429 / 5xx / overloaded answers from the model API. */
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Per-request timeout for the model API, in milliseconds. */
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  /** Which model API answers the assistant (an org's own AI settings take precedence). */
  AI_PROVIDER: z.enum(["anthropic", "openai"]).default("anthropic"),
  /**
   * An OpenAI-compatible chat-completions API (AI_PROVIDER=openai): OpenAI, or a local server such as
   * Ollama (http://localhost:11434/v1) or vLLM (http://localhost:8000/v1). The key is optional
   * (Ollama needs none); online when OPENAI_MODEL and a base URL or key are set.
   */
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Longest wait for the next piece of an answer (local models can be slow to start), ms. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
  /**
   * Let an org admin's AI base URL (org AI settings) reach private, loopback and link-local
   * addresses and plain http:// — e.g. Ollama on the same host. Unset: refused.
   */
  AI_ALLOW_PRIVATE_BASE_URLS: bool.default(false),
  /** AI assistant budgets per calendar day (APP_TIME_ZONE); 0 disables the assistant for that scope. */
  CHAT_USER_DAILY_MESSAGES: z.coerce.number().int().min(0).default(100),
  CHAT_USER_DAILY_TOKENS: z.coerce.number().int().min(0).default(200_000),
  CHAT_ORG_DAILY_MESSAGES: z.coerce.number().int().min(0).default(2_000),
  CHAT_ORG_DAILY_TOKENS: z.coerce.number().int().min(0).default(2_000_000),
  /** Largest answer per model call, and how many tool rounds one question may take. */
  CHAT_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(64).max(16_000).default(1_500),
  CHAT_MAX_TOOL_ROUNDS: z.coerce.number().int().min(1).max(20).default(6),
  /**
   * Live updates (project.onChange): how often an open stream re-checks the session, the org
   * membership and the project role, in milliseconds; the stream ends once they lapse.
   */
  LIVE_RECHECK_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  DEV_LOGIN: bool.default(false),
  /**
   * Let the SSO connection test reach private, loopback and link-local addresses.
   * Unset: allowed outside production (a local identity provider), refused in production.
   */
  SSO_ALLOW_PRIVATE_ISSUERS: bool.optional(),
  /**
   * Let webhooks reach private, loopback and link-local addresses and plain http://.
   * Unset: allowed outside production (a local receiver), refused in production.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.optional(),
  /**
   * Seconds to wait before each retry of a failed webhook delivery (comma-separated); a delivery
   * is given up (failed) after one attempt more than there are delays.
   */
  WEBHOOK_RETRY_DELAYS: z
    .string()
    .default("60,300,1800,7200,21600")
    .transform((v) => v.split(",").map((p) => Number(p.trim())))
    .refine(
      (list) => list.length >= 1 && list.length <= 20 && list.every((n) => Number.isFinite(n) && n >= 0),
      {
        error: "must be 1–20 comma-separated numbers of seconds, such as 60,300,1800",
      },
    ),
  /** How long a webhook receiver has to answer, in milliseconds. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Scheduled jobs (pg-boss in the central database, schema "pgboss"): daily indicator refresh and retention. */
  JOBS_ENABLED: bool.default(true),
  /** Time zone the job schedules are read in; unset = APP_TIME_ZONE, so "after midnight" is the app's midnight. */
  JOBS_TIMEZONE: z
    .string()
    .optional()
    .refine((v) => v === undefined || isTimeZone(v), {
      error: "must be an IANA time zone such as UTC or Europe/Paris",
    }),
  /** When the jobs run: cron "minute hour day-of-month month day-of-week" in JOBS_TIMEZONE. */
  JOBS_INDICATORS_CRON: cron.default("5 0 * * *"),
  JOBS_RETENTION_CRON: cron.default("30 3 * * *"),
  /** Hourly: each user's digest goes out in the first run at or after their local digest hour. */
  JOBS_DIGEST_CRON: cron.default("0 * * * *"),
  /** How often the webhook sender sweeps for due deliveries (new events also wake it at once). */
  JOBS_WEBHOOKS_CRON: cron.default("* * * * *"),
});

/** Settings that depend on each other. */
const ZEnvChecked = ZEnv.superRefine((e, ctx) => {
  if (e.DEFAULT_CLUSTER !== "default" && !Object.hasOwn(e.DATABASE_CLUSTERS, e.DEFAULT_CLUSTER)) {
    ctx.addIssue({
      code: "custom",
      path: ["DEFAULT_CLUSTER"],
      message: `"${e.DEFAULT_CLUSTER}" is not a key of DATABASE_CLUSTERS (nor "default")`,
    });
  }
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

function fromProcess(): Record<string, string | undefined> {
  // Empty strings count as unset (as in .env files with `KEY=`).
  return Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]));
}

export class EnvError extends Error {}

/** A 32-byte key from 64 hex digits, base64 or base64url; null when it is not one. */
export function decodeEncryptionKey(value: string): Buffer | null {
  const v = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(v)
    ? Buffer.from(v, "hex")
    : /^[A-Za-z0-9+/_-]{43}={0,1}$/.test(v)
      ? Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64")
      : null;
  return bytes?.length === 32 ? bytes : null;
}

export function env(): Env {
  if (cached) return cached;
  const result = ZEnvChecked.safeParse(fromProcess());
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every setting.`);
  }
  cached = result.data;
  return cached;
}

/** Tests and scripts that change process.env call this. */
export function resetEnvCache(): void {
  cached = undefined;
}
