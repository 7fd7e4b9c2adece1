/** Inputs of the portfolio procedures, shared with the portfolio form. */
import { z } from "zod";

export const ZPortfolioFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters"),
  description: z.string().trim().max(2000, "Use at most 2000 characters").nullable().optional(),
  projectIds: z.array(z.uuid()).max(500).optional(),
});

export const ZPortfolioId = z.object({ portfolioId: z.uuid() });
