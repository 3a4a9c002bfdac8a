// The OpenAPI paths of the history routes (history.routes.ts): fills by cursor, sessions, the realized
// PnL series, and the parameters of the stored-orders view of GET /v3/orders.

type Json = (schema: object, description: string) => object;
type Ref = (name: string) => object;
type ErrorResponse = (description: string) => object;

const query = (name: string, description: string, schema: object) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const limit = (fallback: number) =>
  query('limit', `rows per answer, 1 to 1000 (default ${fallback})`, {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
  });
const sessionId = query('session_id', 'only this session (see /v3/sessions)', {
  type: 'integer',
  minimum: 1,
});
const ticker = query('ticker', 'only this market', { type: 'string' });
const time = (name: string, description: string) =>
  query(name, `${description}: unix milliseconds or ISO-8601`, { type: 'string' });

export const ORDERS_STATUS_PARAMETERS = [
  query('status', 'read stored orders: `open` (pending, resting, unknown), `final`, or `all`', {
    type: 'string',
    enum: ['open', 'final', 'all'],
  }),
  { ...ticker, description: 'with `status`: only this market' },
  { ...limit(500), description: 'with `status`: rows, 1 to 1000 (default 500)' },
  { ...sessionId, description: 'with `status`: only this session' },
];

export function historyPaths(json: Json, ref: Ref, errorResponse: ErrorResponse) {
  const bad = errorResponse('a bad query parameter (named in the message)');
  const noStorage = errorResponse('this daemon keeps no history');
  return {
    '/v3/fills': {
      get: {
        summary: "This daemon's stored fills in recording order, paged by cursor",
        parameters: [
          query('since', 'cursor: the `next_cursor` of the previous page', { type: 'integer', minimum: 0 }),
          ticker,
          limit(100),
          sessionId,
          query('order', '`asc` (default): oldest first, after `since`; `desc`: newest first, before it', {
            type: 'string',
            enum: ['asc', 'desc'],
          }),
        ],
        responses: { 200: json(ref('FillPage'), 'one page of fills'), 400: bad, 503: noStorage },
      },
    },
    '/v3/sessions': {
      get: {
        summary: "This daemon's runs, newest first (an unfinished one has no stop)",
        parameters: [limit(100)],
        responses: { 200: json(ref('Sessions'), 'sessions'), 400: bad, 503: noStorage },
      },
    },
    '/v3/pnl': {
      get: {
        summary: 'Realized PnL and fees over all markets over time, from the stored position snapshots',
        parameters: [time('from', 'start (default: 24 hours before `to`)'), time('to', 'end (default: now)')],
        responses: {
          200: json(ref('PnlSeries'), 'points in time order: totals to date at each snapshot'),
          400: bad,
          503: noStorage,
        },
      },
    },
  };
}
