/**
 * Daily assistant budgets, per user and per org, kept in `token_usage`
 * (one row per user and day in the org's database; the org total is the sum
 * of its rows). A message is reserved before the model is called — under a
 * transaction-scoped advisory lock, so concurrent requests cannot both slip
 * under a limit — and tokens are added atomically when the answer is stored.
 * Token limits are checked before each question, so one answer may overshoot
 * by at most its own size.
 */
import type { TenantDb } from "@/server/db/tenant";
import { env } from "@/env";
import { addDays } from "@/domain/dates";
import { DomainError } from "@/domain/errors";
import type { IsoDate } from "@/domain/types";
import type { CentralDb } from "@/server/db/central";

export type ChatLimits = {
  userDailyMessages: number;
  userDailyTokens: number;
  orgDailyMessages: number;
  orgDailyTokens: number;
};

export function limitsFromEnv(): ChatLimits {
  const e = env();
  return {
    userDailyMessages: e.CHAT_USER_DAILY_MESSAGES,
    userDailyTokens: e.CHAT_USER_DAILY_TOKENS,
    orgDailyMessages: e.CHAT_ORG_DAILY_MESSAGES,
    orgDailyTokens: e.CHAT_ORG_DAILY_TOKENS,
  };
}

type Totals = { messages: number; tokens: number };

const fmt = (n: number) => n.toLocaleString("en-US");

async function totals(tx: Pick<TenantDb, "$queryRaw">, day: IsoDate, userId: string | null): Promise<Totals> {
  const rows = userId
    ? await tx.$queryRaw<{ messages: bigint | null; tokens: bigint | null }[]>`
        SELECT sum(messages)::bigint AS messages, sum(input_tokens + output_tokens)::bigint AS tokens
        FROM token_usage WHERE day = ${day}::date AND user_id = ${userId}::uuid`
    : await tx.$queryRaw<{ messages: bigint | null; tokens: bigint | null }[]>`
        SELECT sum(messages)::bigint AS messages, sum(input_tokens + output_tokens)::bigint AS tokens
        FROM token_usage WHERE day = ${day}::date`;
  return { messages: Number(rows[0]?.messages ?? 0), tokens: Number(rows[0]?.tokens ?? 0) };
}

/**
 * Counts one message against today's budgets, or refuses with
 * TOO_MANY_REQUESTS (and counts nothing) when a budget is used up.
 */
export async function reserveMessage(
  db: TenantDb,
  userId: string,
  day: IsoDate,
  limits: ChatLimits,
): Promise<void> {
  await db.$transaction(async (tx) => {
    // Serialises reservations within this org's database (released at commit).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('braidmgr.chat.token_usage'))`;
    const [mine, org] = await Promise.all([totals(tx, day, userId), totals(tx, day, null)]);
    const refuse = (message: string) => {
      throw new DomainError("TOO_MANY_REQUESTS", message, { details: { day, limits } });
    };
    if (mine.messages >= limits.userDailyMessages) {
      refuse(
        `You've reached today's limit of ${fmt(limits.userDailyMessages)} assistant messages. It resets tomorrow — until then the rest of braidMgr works as usual.`,
      );
    }
    if (mine.tokens >= limits.userDailyTokens) {
      refuse(`You've used today's AI allowance (${fmt(limits.userDailyTokens)} tokens). It resets tomorrow.`);
    }
    if (org.messages >= limits.orgDailyMessages) {
      refuse(
        `Your organization has reached today's limit of ${fmt(limits.orgDailyMessages)} assistant messages. It resets tomorrow.`,
      );
    }
    if (org.tokens >= limits.orgDailyTokens) {
      refuse(
        `Your organization has used today's AI allowance (${fmt(limits.orgDailyTokens)} tokens). It resets tomorrow.`,
      );
    }
    await tx.$executeRaw`
      INSERT INTO token_usage (id, user_id, day, messages, input_tokens, output_tokens, updated_at)
      VALUES (gen_random_uuid(), ${userId}::uuid, ${day}::date, 1, 0, 0, now())
      ON CONFLICT (user_id, day) DO UPDATE SET messages = token_usage.messages + 1, updated_at = now()`;
  });
}

/** Adds an answer's tokens to today's row (atomic increment). */
export async function addTokens(
  db: TenantDb,
  userId: string,
  day: IsoDate,
  inputTokens: number,
  outputTokens: number,
): Promise<void> {
  if (inputTokens <= 0 && outputTokens <= 0) return;
  await db.$executeRaw`
    INSERT INTO token_usage (id, user_id, day, messages, input_tokens, output_tokens, updated_at)
    VALUES (gen_random_uuid(), ${userId}::uuid, ${day}::date, 0, ${Math.max(0, inputTokens)}, ${Math.max(0, outputTokens)}, now())
    ON CONFLICT (user_id, day) DO UPDATE SET
      input_tokens = token_usage.input_tokens + EXCLUDED.input_tokens,
      output_tokens = token_usage.output_tokens + EXCLUDED.output_tokens,
      updated_at = now()`;
}

export type UsageRow = {
  userId: string;
  name: string | null;
  email: string | null;
  messages: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
};

async function perUser(db: TenantDb, central: CentralDb, from: IsoDate, to: IsoDate): Promise<UsageRow[]> {
  const rows = await db.$queryRaw<
    { user_id: string; messages: bigint; input_tokens: bigint; output_tokens: bigint }[]
  >`
    SELECT user_id::text AS user_id, sum(messages)::bigint AS messages,
           sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens
    FROM token_usage WHERE day BETWEEN ${from}::date AND ${to}::date
    GROUP BY user_id`;
  const users = rows.length
    ? await central.user.findMany({
        where: { id: { in: rows.map((r) => r.user_id) } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows
    .map((r) => {
      const u = byId.get(r.user_id);
      const inputTokens = Number(r.input_tokens);
      const outputTokens = Number(r.output_tokens);
      return {
        userId: r.user_id,
        name: u?.name ?? null,
        email: u?.email ?? null,
        messages: Number(r.messages),
        inputTokens,
        outputTokens,
        totalTokens: inputTokens + outputTokens,
      };
    })
    .sort(
      (a, b) =>
        b.totalTokens - a.totalTokens ||
        b.messages - a.messages ||
        (a.email ?? "").localeCompare(b.email ?? ""),
    );
}

function sumRows(rows: UsageRow[]) {
  return rows.reduce(
    (t, r) => ({
      messages: t.messages + r.messages,
      inputTokens: t.inputTokens + r.inputTokens,
      outputTokens: t.outputTokens + r.outputTokens,
      totalTokens: t.totalTokens + r.totalTokens,
    }),
    { messages: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  );
}

/** Org admins: totals per user for today and for the last 30 days (today included). */
export async function usageReport(db: TenantDb, central: CentralDb, today: IsoDate, limits: ChatLimits) {
  const from30 = addDays(today, -29);
  const [todayRows, monthRows] = await Promise.all([
    perUser(db, central, today, today),
    perUser(db, central, from30, today),
  ]);
  return {
    limits,
    today: { from: today, to: today, totals: sumRows(todayRows), users: todayRows },
    last30Days: { from: from30, to: today, totals: sumRows(monthRows), users: monthRows },
  };
}

/** The caller's own usage today, for "N messages left" in the UI. */
export async function myUsage(db: TenantDb, userId: string, today: IsoDate, limits: ChatLimits) {
  const mine = await totals(db, today, userId);
  return {
    day: today,
    messages: mine.messages,
    tokens: mine.tokens,
    messagesLeft: Math.max(0, limits.userDailyMessages - mine.messages),
    tokensLeft: Math.max(0, limits.userDailyTokens - mine.tokens),
  };
}
