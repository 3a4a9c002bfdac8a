// Kalshi endpoints, auth headers and REST budget constants shared by the REST and WS adapters.

export const KALSHI_ENVIRONMENTS = {
  prod: {
    apiUrl: 'https://external-api.kalshi.com/trade-api/v2',
    wsUrl: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
  },
  demo: {
    apiUrl: 'https://external-api.demo.kalshi.co/trade-api/v2',
    wsUrl: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2',
  },
} as const;

export const HEADER_KEY = 'KALSHI-ACCESS-KEY';
export const HEADER_TIMESTAMP = 'KALSHI-ACCESS-TIMESTAMP';
export const HEADER_SIGNATURE = 'KALSHI-ACCESS-SIGNATURE';

/** Kalshi's page-size ceiling for every cursor-paginated list. */
export const MAX_PAGE_LIMIT = 1000;

/** Most tickers one `GET /markets/orderbooks` accepts. */
export const MAX_ORDERBOOKS_PER_REQUEST = 100;

/** Token-bucket costs and the Basic tier's budgets (tokens per second). */
export const DEFAULT_REQUEST_COST = 10;
export const BASIC_READ_TOKENS_PER_SEC = 200;
export const BASIC_WRITE_TOKENS_PER_SEC = 100;
