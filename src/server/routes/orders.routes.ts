// Manual orders over HTTP: POST /v3/orders, DELETE and PATCH /v3/orders/:client_order_id. The same
// commands as /v3/ws's `place_order` / `cancel_order` / `amend_order`, with the same checks: a browser
// origin must be allowed, `Authorization: Bearer <control token>`, a JSON body checked by zod. The
// answer is the order's outcome with its client_order_id at the top level.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AmendOrderSchema, type OrderCommand, type OrderResult, PlaceOrderSchema } from '../commands';
import { controlTokenMatches } from '../control-token';
import { ApiError } from '../http-errors';
import type { DaemonPorts } from '../ports';
import { describeIssues } from '../ws-client-frames';
import { isOriginAllowed } from '../ws-origin';

/** An order body is a few fields: anything much larger is not one. */
export const MAX_ORDER_BODY_BYTES = 4_096;

/** What each outcome is in HTTP terms; the body always says the outcome itself. */
function statusOf(result: OrderResult, created: boolean): ContentfulStatusCode {
  switch (result.outcome) {
    case 'accepted':
      return created ? 201 : 200;
    case 'unknown':
      return 202;
    case 'blocked':
      return 409;
    case 'rejected':
      return 422;
    case 'not_found':
      return 404;
    case 'refused':
      return 503;
    case 'invalid':
      return result.code === 'unknown_order' ? 404 : result.code === 'invalid_order' ? 400 : 409;
  }
}

/** Origin first (a page elsewhere must not even learn whether a token works), then the token. */
function checkCaller(c: Context, ports: DaemonPorts): void {
  if (!isOriginAllowed(c.req.header('Origin'), c.req.header('Host'), ports.allowedOrigins)) {
    throw new ApiError(403, 'forbidden_origin', 'this origin may not send orders');
  }
  if (ports.controlToken === '') {
    throw new ApiError(403, 'commands_disabled', 'commands are disabled on this daemon');
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!controlTokenMatches(token, ports.controlToken)) {
    c.header('WWW-Authenticate', 'Bearer realm="kalshi-trader"');
    throw new ApiError(401, 'unauthorized', 'missing or wrong control token (Authorization: Bearer <token>)');
  }
}

async function bodyOf<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'malformed_json', 'the body must be a JSON object');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'invalid_body', describeIssues(parsed.error));
  return parsed.data;
}

async function run(c: Context, ports: DaemonPorts, command: OrderCommand, created = false) {
  const result = await ports.send(command);
  if (!('outcome' in result)) throw new Error(`order command ${command.type} answered without an outcome`);
  return c.json(result, statusOf(result, created));
}

export function orderRoutes(ports: DaemonPorts): Hono {
  const limit = bodyLimit({
    maxSize: MAX_ORDER_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `the body must be at most ${MAX_ORDER_BODY_BYTES} bytes`);
    },
  });
  return new Hono()
    .post('/', limit, async (c) => {
      checkCaller(c, ports);
      const body = await bodyOf(c, PlaceOrderSchema);
      return run(c, ports, { type: 'place_order', ...body }, true);
    })
    .delete('/:client_order_id', (c) => {
      checkCaller(c, ports);
      return run(c, ports, { type: 'cancel_order', client_order_id: c.req.param('client_order_id') });
    })
    .patch('/:client_order_id', limit, async (c) => {
      checkCaller(c, ports);
      const body = await bodyOf(c, AmendOrderSchema);
      return run(c, ports, { type: 'amend_order', client_order_id: c.req.param('client_order_id'), ...body });
    });
}
