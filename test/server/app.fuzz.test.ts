// Fuzzing the daemon's HTTP app (API, console, inspector, metrics, openapi) through app.request(): random
// and near-miss paths, dot segments and escapes, queries with huge, negative and non-numeric values,
// every method, bodies around the size limit, and Host headers. Never a 5xx; a refused Host is 403, an
// oversized body 413, and every 4xx carries the error envelope with no stack or file name in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../src/server/app';
import { createConsoleRoutes } from '../../src/server/console/console.routes';
import { createInspectorRoutes } from '../../src/server/inspector/inspector.routes';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams, InputCounter } from '../support/fuzz';
import { fakePorts } from './support/fake-ports';

const unexpected: unknown[] = [];
// Built as the daemon builds it (http-server.ts): the API app with the console and inspector mounted.
const app = createApp(fakePorts().ports, { onUnexpectedError: (err) => unexpected.push(err) });
app.route('/', createConsoleRoutes());
app.route('/', createInspectorRoutes());

const KNOWN_PATHS = [
  '/',
  '/v3/health',
  '/v3/status',
  '/v3/positions',
  '/v3/orders',
  '/v3/orderbook/KXA-1',
  '/v3/openapi.json',
  '/metrics',
  '/inspect',
  '/console/app.js',
  '/inspect/inspect.js',
];
const segment = fc.oneof(
  fc.constantFrom(
    'v3',
    'orderbook',
    'KXA-1',
    'status',
    'inspect',
    'console',
    'metrics',
    '..',
    '.',
    '',
    '%2e%2e',
    '%00',
    '%ff',
    '%',
    'a%2fb',
  ),
  fc.string({ maxLength: 12 }),
  fc.webSegment(),
);
const path = fc.oneof(
  fc.constantFrom(...KNOWN_PATHS),
  fc
    .tuple(fc.constantFrom(...KNOWN_PATHS), fc.array(segment, { maxLength: 3 }))
    .map(([p, s]) => [p, ...s].join('/')),
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => `/${s.join('/')}`),
);
const queryValue = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('1e3', '-0', '0x10', 'NaN', 'Infinity', '99999999999999999999', '1.5', ' 7', ''),
  fc.string({ maxLength: 20 }),
);
const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('depth', 'cursor', 'limit', 'ticker'), fc.string({ maxLength: 8 })),
      queryValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length === 0
      ? ''
      : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
  );
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: MAX_BODY_BYTES - 2, max: MAX_BODY_BYTES + 2 }).map((n) => 'x'.repeat(n)),
);
const host = fc.oneof(
  fc.constantFrom('127.0.0.1:8005', 'localhost', '[::1]:8005', 'trader.example', 'TRADER.example:80'),
  fc.constantFrom(
    'evil.example',
    'evil.example:8005',
    '127.0.0.1.evil.example',
    '10.0.0.1',
    'localhost@evil.example',
  ),
  fc.string({ maxLength: 30 }),
);
const ALLOWED = /^(127\.0\.0\.1:8005|localhost|\[::1\]:8005|trader\.example|TRADER\.example:80)$/;

const request = fc.record({ method, path, query, body, host });

/** The URL the request would have on the wire, or undefined when no client could send it. */
function urlOf(p: string, q: string): string | undefined {
  try {
    return new URL(`http://127.0.0.1${p}${q}`).href;
  } catch {
    return undefined;
  }
}

const counter = new InputCounter();

describe(`HTTP paths, queries and bodies, fuzzed (seed ${FUZZ_SEED})`, () => {
  it(
    'never answers 5xx; refusals are 403, 413 or another 4xx with the error envelope',
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const url = urlOf(r.path, r.query);
          if (url === undefined) return;
          const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
          let res: Response;
          try {
            res = await app.request(url, {
              method: r.method,
              headers: { host: r.host, 'content-type': 'application/json' },
              ...(hasBody ? { body: r.body } : {}),
            });
          } catch (err) {
            // Only the test's own Request construction may refuse (a Host with a newline, say).
            expect(err).toBeInstanceOf(TypeError);
            return;
          }
          counter.add();
          expect(res.status, `${r.method} ${url}`).toBeLessThan(500);
          if (!ALLOWED.test(r.host)) expect(res.status, r.host).toBe(403);
          else if (hasBody && (r.body as string).length > MAX_BODY_BYTES) expect(res.status).toBe(413);
          else if (
            r.method === 'GET' &&
            KNOWN_PATHS.includes(new URL(url).pathname) &&
            !url.includes('depth=')
          ) {
            expect(res.status, url).toBe(200);
          }
          if (res.status >= 400 && r.method !== 'HEAD') {
            const text = await res.text();
            const parsed = JSON.parse(text) as { error: { code: unknown; message: unknown } };
            expect(typeof parsed.error.code).toBe('string');
            expect(typeof parsed.error.message).toBe('string');
            expect(text).not.toMatch(/\n\s+at |\.ts:\d|node_modules/);
          }
        }),
        fuzzParams(11_000),
      );
      expect(unexpected).toEqual([]);
      counter.check();
    },
    FUZZ_TIMEOUT_MS,
  );
});
