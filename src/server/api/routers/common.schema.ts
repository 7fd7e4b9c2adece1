/** Field schemas shared by routers and forms (pure: zod and domain only). */
import { z } from "zod";
import { isIsoDate } from "@/domain/dates";

/** The largest PostgreSQL `integer` (int4): item numbers, versions, offsets are stored or compared as one. */
export const INT4_MAX = 2_147_483_647;
const int4Message = `Use at most ${INT4_MAX}`;
/** A whole number that fits an int4 column (larger ones would make the database refuse the query). */
export const ZInt4 = z.number().int("Use a whole number").max(INT4_MAX, int4Message);

export const ZIsoDate = z.string().refine(isIsoDate, { error: "Use a real date as YYYY-MM-DD" });
export const ZOptionalDate = ZIsoDate.nullable().optional();

/** Money as an exact decimal string (up to 2 decimals), e.g. "12500.00" or "-300". */
export const ZMoney = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,12}(\.\d{1,2})?$/.test(v), { error: "Use an amount like 1250.50" });
