// zod schemas for one configuration string each. Messages say what was expected; the loader adds the value.
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { COUNT_DECIMALS, MONEY_DECIMALS, parseFixed } from '../domain/fixed-point';
import { normalizeHostname } from '../domain/host-names';
import type { KalshiEnvName, LogLevel } from './config-types';

export const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'silent',
] as const satisfies readonly LogLevel[];
export const KALSHI_ENV_NAMES = ['demo', 'prod'] as const satisfies readonly KalshiEnvName[];
export const DISCOVERY = 'DISCOVERY';

const TICKER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HOST = /^(?:[A-Za-z0-9_.-]+|[0-9A-Fa-f:.]+|\[[0-9A-Fa-f:.]+\])$/;

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Whole number in [min, max]; digits only, so "1e3", "-1" and "8005.5" are refused. */
export function integer(min: number, max: number) {
  const expected = `expected an integer from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .pipe(z.number().int().min(min, expected).max(max, expected));
}

/**
 * An exact decimal scaled to an integer (fixed-point.ts), then bounded. `unit` names the input unit
 * for the message; the bounds are in the scaled unit and shown unscaled.
 */
function decimal(decimals: number, min: number, max: number, unit: string, places: number) {
  const scale = 10 ** decimals;
  const expected = `expected ${unit} from ${min / scale} to ${max / scale} with at most ${places} decimals`;
  return z
    .string()
    .trim()
    .transform((text) => parseFixed(text, decimals))
    .pipe(z.number({ error: expected }).int(expected).min(min, expected).max(max, expected));
}

/** Seconds with up to millisecond precision, returned in ms (parsed exactly, no float maths). */
export const secondsAsMs = (minMs: number, maxMs: number) => decimal(3, minMs, maxMs, 'seconds', 3);

/** 0 for "off", or seconds in [minMs, maxMs] as secondsAsMs reads them; returned in ms. */
export function secondsAsMsOrOff(minMs: number, maxMs: number) {
  const expected = `expected 0 (off) or seconds from ${minMs / 1000} to ${maxMs / 1000} with at most 3 decimals`;
  return z
    .string()
    .trim()
    .transform((text) => parseFixed(text, 3))
    .pipe(
      z
        .number({ error: expected })
        .int(expected)
        .refine((ms) => ms === 0 || (ms >= minMs && ms <= maxMs), expected),
    );
}
/** Dollars, returned in micro-dollars. */
export const dollarsAsMicros = (maxDollars: number) =>
  decimal(MONEY_DECIMALS, 0, maxDollars * 10 ** MONEY_DECIMALS, 'dollars', MONEY_DECIMALS);
/** Contracts, returned in centi-contracts (the domain count unit). */
export const contractsAsCenti = (maxContracts: number) =>
  decimal(COUNT_DECIMALS, 1, maxContracts * 10 ** COUNT_DECIMALS, 'contracts', COUNT_DECIMALS);

export const boolean = () =>
  z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], error: 'expected true, false, 1 or 0' });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(values, { error: `expected one of ${values.join(', ')}` }));

export const host = () => z.string().trim().regex(HOST, 'expected a host name or IP address');

/** Any non-empty text without control characters (a path, say). */
export const text = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\P{Cc}+$/u, `expected ${what}`);

/** An absolute URL with one of `schemes` (e.g. ['http', 'https']); a trailing slash is dropped. */
export function url(schemes: readonly string[]) {
  const expected = `expected an absolute ${schemes.join(' or ')} URL`;
  return z
    .string()
    .trim()
    .refine((text) => {
      const parsed = tryUrl(text);
      return parsed !== null && schemes.includes(parsed.protocol.slice(0, -1)) && parsed.hostname !== '';
    }, expected)
    .transform((text) => text.replace(/\/+$/, ''));
}

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`); query options such as sslmode pass through. */
export const databaseUrl = () =>
  z
    .string()
    .trim()
    .refine((text) => {
      const parsed = tryUrl(text);
      return parsed !== null && (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:');
    }, 'expected a postgres:// or postgresql:// URL');

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** `DISCOVERY` (any case) or a comma-separated list of tickers, de-duplicated in order. */
export const tickers = () =>
  z
    .string()
    .transform((text): typeof DISCOVERY | string[] =>
      text.trim().toUpperCase() === DISCOVERY ? DISCOVERY : [...new Set(splitList(text))],
    )
    .refine(
      (value) => value === DISCOVERY || (value.length > 0 && value.every((t) => TICKER.test(t))),
      `expected ${DISCOVERY} or a comma-separated list of market tickers`,
    );

/** Exact origins only: a path, a trailing slash or a wildcard would make the check meaningless. */
export const origins = () =>
  z
    .string()
    .transform(splitList)
    .refine(
      (list) =>
        list.every((item) => {
          const parsed = tryUrl(item);
          return parsed !== null && /^https?:$/.test(parsed.protocol) && parsed.origin === item;
        }),
      'expected a comma-separated list of origins like http://localhost:3000',
    );

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A JSON object (`{}` and up); its fields are checked by whoever owns them. */
export const jsonObject = () =>
  z
    .string()
    .trim()
    .transform(parseJson)
    .pipe(z.record(z.string(), z.unknown(), { error: 'expected a JSON object' }));

/** `.example.com` (a name, not an address) stands for example.com and its subdomains. */
function hostPattern(item: string): string | undefined {
  if (!item.startsWith('.')) return normalizeHostname(item);
  const name = normalizeHostname(item.slice(1));
  return name !== undefined && /[a-z]/.test(name) && !name.startsWith('[') ? `.${name}` : undefined;
}

/** Host names or addresses without a port, normalised (lower case, IPv6 in brackets). */
export const hostNames = () =>
  z
    .string()
    .transform(splitList)
    .refine(
      (list) => list.every((item) => hostPattern(item) !== undefined),
      'expected a comma-separated list of host names or addresses without port, like trader.lan or .example.com',
    )
    .transform((list) => [...new Set(list.map((item) => hostPattern(item) as string))]);

export const controlToken = () =>
  z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{16,256}$/, 'expected 16 to 256 printable characters without spaces');

export const keyId = () =>
  z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{1,200}$/, 'expected the API key id (no spaces)');

/** Env files often hold the PEM on one line with literal `\n` escapes; undo them. */
export const unescapePem = (text: string): string => text.replace(/\\r\\n|\\n/g, '\n').trim();

/** True when `pem` is an RSA private key Node can load (PKCS#1 or PKCS#8). */
export function isRsaPrivateKeyPem(pem: string): boolean {
  try {
    return createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export const PEM_EXPECTED = 'expected an RSA private key in PEM form (PKCS#1 or PKCS#8)';

export const privateKeyPem = () => z.string().transform(unescapePem).refine(isRsaPrivateKeyPem, PEM_EXPECTED);
