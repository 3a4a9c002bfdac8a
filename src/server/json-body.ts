// Serialised once per view: a view object that the ports hand out again unchanged (the memoised
// /v3/status) is turned into its JSON text and strong ETag the first time only. Keyed by identity,
// so a port that builds a fresh object every time is simply serialised every time.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export interface JsonBody {
  text: string;
  /** Strong validator of `text`: a quoted hash. */
  etag: string;
}

const bodies = new WeakMap<object, JsonBody>();

export function jsonBody(view: object): JsonBody {
  let body = bodies.get(view);
  if (body === undefined) {
    const text = JSON.stringify(view);
    body = { text, etag: `"${createHash('sha1').update(text).digest('base64url').slice(0, 22)}"` };
    bodies.set(view, body);
  }
  return body;
}

/** 200 with the view's cached JSON and ETag, or 304 when the client already holds that version. */
export function sendJson(c: Context, view: object, status: 200 | 503 = 200): Response {
  const { text, etag } = jsonBody(view);
  if (status === 200 && c.req.header('if-none-match') === etag) {
    return c.body(null, 304, { ETag: etag });
  }
  return c.body(text, status, { 'Content-Type': 'application/json', ETag: etag });
}
