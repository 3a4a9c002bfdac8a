// Serialised once per view: a view object that the ports hand out again unchanged (the memoised
// /v3/status) is turned into its JSON text, strong ETag and response headers the first time only.
// Keyed by identity, so a port that builds a fresh object every time is simply serialised every time.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export interface JsonBody {
  text: string;
  /** Strong validator of `text`: a quoted hash. */
  etag: string;
  /** The 200's headers and the 304's, built once: plain objects go to the socket as they are. */
  headers: { ok: Record<string, string>; notModified: Record<string, string> };
}

const bodies = new WeakMap<object, JsonBody>();

export function jsonBody(view: object): JsonBody {
  let body = bodies.get(view);
  if (body === undefined) {
    const text = JSON.stringify(view);
    const etag = `"${createHash('sha1').update(text).digest('base64url').slice(0, 22)}"`;
    body = {
      text,
      etag,
      headers: { ok: { 'Content-Type': 'application/json', ETag: etag }, notModified: { ETag: etag } },
    };
    bodies.set(view, body);
  }
  return body;
}

/**
 * 200 with the view's cached JSON and ETag, or 304 when the client already holds that version. A
 * Response built here rather than by `c.body`: given two headers Hono copies them into a `Headers`
 * object that the Node adapter then iterates back out, per request (a tenth of a cached request's JS).
 */
export function sendJson(c: Context, view: object, status: 200 | 503 = 200): Response {
  const body = jsonBody(view);
  if (status === 200 && matches(c.req.header('if-none-match'), body.etag)) {
    return new Response(null, { status: 304, headers: body.headers.notModified });
  }
  return new Response(body.text, { status, headers: body.headers.ok });
}

/**
 * If-None-Match against our strong ETag (RFC 9110 §13.1.2): `*`, or a list of tags compared weakly
 * (a `W/` prefix, as a proxy may add, still matches). The usual case, our own tag echoed, is one compare.
 */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header === etag) return true;
  for (const part of header.split(',')) {
    const tag = part.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}
