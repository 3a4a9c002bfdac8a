// What every admin route shares: reading a JSON body, and the 400 envelope naming the schema's issues.
import type { z } from 'zod';

export const badRequest = (message: string, details?: string) => ({
  error: { code: 'bad_request', message, ...(details === undefined ? {} : { details }) },
});

export const issuesText = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

/** Reads a JSON body; undefined when it is not JSON (or empty). */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}
