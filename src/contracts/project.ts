import { z } from "zod";
import { ZOptionalDate } from "./common";
import { PROJECT_ROLES } from "@/domain/permissions";

export const ZWorkstreamName = z.string().trim().min(1, "Enter a workstream name").max(100);

export const ZCreateProject = z
  .object({
    name: z.string().trim().min(1, "Enter a project name").max(200, "Use at most 200 characters"),
    clientName: z.string().trim().max(200, "Use at most 200 characters").nullable().optional(),
    projectStart: ZOptionalDate,
    projectEnd: ZOptionalDate,
    workstreams: z
      .array(ZWorkstreamName)
      .max(50)
      .optional()
      .refine((w) => !w || new Set(w.map((x) => x.toLowerCase())).size === w.length, {
        error: "Workstream names must be unique",
      }),
  })
  .refine((p) => !p.projectStart || !p.projectEnd || p.projectStart <= p.projectEnd, {
    error: "The end must not be before the start",
    path: ["projectEnd"],
  });
export type TCreateProject = z.infer<typeof ZCreateProject>;

export const ZUpdateProject = z
  .object({
    name: z.string().trim().min(1, "Enter a project name").max(200, "Use at most 200 characters").optional(),
    clientName: z.string().trim().max(200, "Use at most 200 characters").nullable().optional(),
    projectStart: ZOptionalDate,
    projectEnd: ZOptionalDate,
  })
  .refine((p) => !p.projectStart || !p.projectEnd || p.projectStart <= p.projectEnd, {
    error: "The end must not be before the start",
    path: ["projectEnd"],
  });

export const ZSetProjectRole = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  /** null removes the user's role on the project. */
  role: z.enum(PROJECT_ROLES).nullable(),
});
export type TSetProjectRole = z.infer<typeof ZSetProjectRole>;

/** project.onChange: tRPC adds `lastEventId` (the last event the client saw) when it reconnects. */
export const ZOnChange = z.object({ lastEventId: z.string().max(100).nullish() });
