/** Field schemas shared by routers and forms (pure: zod and domain only). */
import { z } from "zod";
import { isIsoDate } from "@/domain/dates";

/** The largest PostgreSQL `integer` (int4): item numbers, versions, offsets are stored or compared as one. */
export const INT4_MAX = 2_147_483_647;
const int4Message = `Use at most ${INT4_MAX}`;
/** A whole number that fits an int4 column (larger ones would make the database refuse the query). */
export const ZInt4 = z.number().int("Use a whole number").max(INT4_MAX, int4Message);

/**
 * An instant sent by the client (filters, optimistic-lock stamps): a real date in years
 * 1900–9999. Years PostgreSQL or its driver cannot take (year 0, 275760) are bad input, not a 500.
 */
export const ZInstant = z.coerce
  .date({ error: "Use a real date and time" })
  .min(new Date("1900-01-01T00:00:00Z"), "Use a date after 1900")
  .max(new Date("9999-12-31T23:59:59.999Z"), "Use a date before the year 10000");

export const ZIsoDate = z.string().refine(isIsoDate, { error: "Use a real date as YYYY-MM-DD" });
export const ZOptionalDate = ZIsoDate.nullable().optional();

/** Money as an exact decimal string (up to 2 decimals), e.g. "12500.00" or "-300". */
export const ZMoney = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,12}(\.\d{1,2})?$/.test(v), { error: "Use an amount like 1250.50" });
