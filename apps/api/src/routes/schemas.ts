import { ERROR_CODES } from "@caliper/domain";
import { z } from "zod";

/** DESIGN.md §7 error body. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    requestId: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
