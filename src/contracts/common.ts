/** Field schemas shared by routers and forms (pure: zod and domain only). */
import { z } from "zod";
import { isIsoDate } from "@/domain/dates";

export const ZIsoDate = z.string().refine(isIsoDate, { error: "Use a real date as YYYY-MM-DD" });
export const ZOptionalDate = ZIsoDate.nullable().optional();

/** Money as an exact decimal string (up to 2 decimals), e.g. "12500.00" or "-300". */
export const ZMoney = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,12}(\.\d{1,2})?$/.test(v), { error: "Use an amount like 1250.50" });
