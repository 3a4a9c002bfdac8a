// A hand-written OpenAPI 3.1 document for the HTTP routes; component schemas come from the zod views.
import { z } from 'zod';
import { VERSION } from '../version';
import { AmendOrderSchema, OrderResultSchema, PlaceOrderSchema } from './commands';
import {
  FillPageViewSchema,
  PnlSeriesViewSchema,
  SessionsViewSchema,
  StoredOrdersViewSchema,
} from './history-views';
import { historyPaths, ORDERS_STATUS_PARAMETERS } from './openapi-history';
import { MAX_DEPTH } from './routes/orderbook.routes';
import {
  BookViewSchema,
  ErrorBodySchema,
  HealthViewSchema,
  OrderViewSchema,
  PositionViewSchema,
  StatusViewSchema,
} from './views';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errorResponse = (description: string) => json(ref('ErrorBody'), description);

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), with refs between views resolved to components. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(HealthViewSchema, { id: 'HealthView' });
  registry.add(StatusViewSchema, { id: 'StatusView' });
  registry.add(PositionViewSchema, { id: 'PositionView' });
  registry.add(OrderViewSchema, { id: 'OrderView' });
  registry.add(BookViewSchema, { id: 'BookView' });
  registry.add(ErrorBodySchema, { id: 'ErrorBody' });
  registry.add(PlaceOrderSchema, { id: 'PlaceOrderBody' });
  registry.add(AmendOrderSchema, { id: 'AmendOrderBody' });
  registry.add(OrderResultSchema, { id: 'OrderResult' });
  registry.add(FillPageViewSchema, { id: 'FillPage' });
  registry.add(StoredOrdersViewSchema, { id: 'StoredOrders' });
  registry.add(SessionsViewSchema, { id: 'Sessions' });
  registry.add(PnlSeriesViewSchema, { id: 'PnlSeries' });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    // Components are embedded in the document: they carry neither their own dialect nor an $id.
    const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
    out[name] = rest;
  }
  return out;
}

/** An order route's answers: the outcome (client_order_id at the top level) by status, or an error body. */
function orderResponses(okStatus: 200 | 201) {
  const outcome = (description: string) => json(ref('OrderResult'), description);
  return {
    [okStatus]: outcome('accepted by the exchange'),
    202: outcome('sent, no answer: the next sync settles it'),
    400: errorResponse('bad body (the message names the field), or an outcome `invalid`'),
    401: errorResponse('missing or wrong bearer token'),
    403: errorResponse('origin not allowed, or commands disabled'),
    404: outcome('no such order (tracked or on the exchange)'),
    409: outcome('blocked by the risk gate, or the order cannot be changed now'),
    413: errorResponse('body too large'),
    422: outcome('rejected by the exchange (its code)'),
    503: outcome('the trader is not ready, degraded or acting'),
  };
}

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kalshi-trader daemon',
      version: VERSION,
      description:
        'HTTP surface of the daemon: reads, and manual orders with the control token. Live updates and the other commands: WS /v3/ws.',
    },
    paths: {
      '/v3/health': {
        get: {
          summary: 'Liveness: 200 when ready or degraded (REST only), else 503',
          responses: {
            200: json(ref('HealthView'), 'serving: status running, or degraded (REST only)'),
            503: json(ref('HealthView'), 'not healthy'),
          },
        },
      },
      '/v3/status': {
        get: { summary: 'Full trader status', responses: { 200: json(ref('StatusView'), 'status') } },
      },
      '/v3/positions': {
        get: {
          summary: 'Positions as the fill ledger folds them, marked to the book',
          parameters: [
            {
              name: 'all',
              in: 'query',
              required: false,
              description:
                '1: also the flat markets with history (realized PnL and fees): followed ones, and others traded today (UTC)',
              schema: { type: 'string', enum: ['1', 'true', '0', 'false'] },
            },
          ],
          responses: {
            200: json(
              { type: 'object', properties: { positions: { type: 'array', items: ref('PositionView') } } },
              'positions',
            ),
          },
        },
      },
      '/v3/orders': {
        get: {
          summary:
            'Without `status`: the open and recently tracked orders (live). With `status`: the stored orders (history)',
          parameters: ORDERS_STATUS_PARAMETERS,
          responses: {
            200: json(
              {
                oneOf: [
                  { type: 'object', properties: { orders: { type: 'array', items: ref('OrderView') } } },
                  ref('StoredOrders'),
                ],
              },
              'live orders (no `status`), or stored orders newest first (`status` given)',
            ),
            400: errorResponse('a bad query parameter (named in the message)'),
            503: errorResponse('`status` given, but this daemon keeps no history'),
          },
        },
        post: {
          summary: 'Place a manual order (through the risk gate, like a strategy intent)',
          security: [{ controlToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PlaceOrderBody') } } },
          responses: orderResponses(201),
        },
      },
      '/v3/orders/{client_order_id}': {
        parameters: [{ name: 'client_order_id', in: 'path', required: true, schema: { type: 'string' } }],
        delete: {
          summary: 'Cancel an order (always allowed, kill switch included)',
          security: [{ controlToken: [] }],
          responses: orderResponses(200),
        },
        patch: {
          summary:
            'Amend an order: a new price, a new resting count, or both (a lower count alone is a decrease)',
          security: [{ controlToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AmendOrderBody') } } },
          responses: orderResponses(200),
        },
      },
      '/v3/orderbook/{ticker}': {
        get: {
          summary: "One market's book in Kalshi's REST shape (bids only, ascending)",
          parameters: [
            { name: 'ticker', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'depth',
              in: 'query',
              required: false,
              description: '0, negative or absent = all levels',
              schema: { type: 'integer', maximum: MAX_DEPTH },
            },
          ],
          responses: {
            200: json(ref('BookView'), 'the book'),
            400: errorResponse('invalid depth'),
            404: errorResponse('unknown market'),
          },
        },
      },
      ...historyPaths(json, ref, errorResponse),
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          responses: {
            200: {
              description: 'text exposition',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/v3/openapi.json': {
        get: {
          summary: 'This document',
          responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1 document') },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        controlToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'the daemon’s control token (V3_CONTROL_TOKEN)',
        },
      },
    },
  };
}
