// The daemon's one pino logger: secrets redacted, errors under `err`, pretty on a terminal, JSON otherwise.
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type pinoPrettyFactory from 'pino-pretty';
import { KalshiError } from './adapters/kalshi/errors';
import { KalshiWsError } from './adapters/kalshi/ws-errors';

export type { Logger };

export const REDACTED = '[Redacted]';

/** Keys whose values are secret wherever they appear at the top level or one object down. */
const SECRET_KEYS = [
  'keyId',
  'key_id',
  'apiKeyId',
  'privateKey',
  'private_key',
  'privateKeyPem',
  'signature',
  'token',
  'controlToken',
  'authorization',
  'Authorization',
  // Kalshi's auth headers as we send them and as Node's HTTP parser lower-cases them on the sim side.
  // KALSHI-ACCESS-TIMESTAMP is deliberately kept: it is not secret and it helps debug clock skew.
  '["KALSHI-ACCESS-KEY"]',
  '["KALSHI-ACCESS-SIGNATURE"]',
  '["kalshi-access-key"]',
  '["kalshi-access-signature"]',
];

const join = (prefix: string, key: string): string =>
  key.startsWith('[') ? prefix + key : `${prefix}.${key}`;

/**
 * Explicit paths are cheap; wildcards are not, so they stop one level down. Request objects nest
 * headers one more level (`req.headers`), hence the extra `*.headers` entries.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => join('*', key)),
  ...SECRET_KEYS.filter((key) => key.startsWith('[') || /authorization/i.test(key)).map((key) =>
    join('*.headers', key),
  ),
];

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/**
 * Replaces every occurrence of each secret, and any PEM private key block, in `text`. For error
 * messages and bodies that might echo a secret (a library error quoting a header, say).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(PEM_BLOCK, REDACTED);
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  sorted.sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Exchange errors the daemon classifies and handles (a refused request, a timeout, a body the schema
 * refused): their message names the endpoint and the cause, and a stack would only bury it. Anything
 * else under `err` is a bug and keeps its stack.
 */
const isHandled = (err: unknown): boolean => err instanceof KalshiError || err instanceof KalshiWsError;

export interface CreateLoggerOptions {
  level: string;
  /** Human-readable lines via pino-pretty. Defaults to whether the destination is a terminal. */
  pretty?: boolean;
  /** Defaults to stdout. Tests pass an in-memory stream. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** Known secret values (key id, control token) scrubbed from logged error messages and stacks. */
  secrets?: readonly (string | undefined)[];
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const destination = options.destination ?? pino.destination(1);
  const isTty = (options.destination ?? process.stdout) as { isTTY?: boolean };
  const pretty = options.pretty ?? isTty.isTTY === true;
  const secrets = options.secrets ?? [];

  const config: LoggerOptions = {
    level: options.level,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: {
      err: (err: unknown) => {
        // A string or other non-Error under `err` (a caller's slip) is logged as text, never a throw:
        // a throwing serializer inside an 'error' listener would take the process down.
        if (!(err instanceof Error)) return typeof err === 'string' ? redactSecrets(err, secrets) : err;
        const out = pino.stdSerializers.err(err);
        out.message = redactSecrets(out.message, secrets);
        if (isHandled(err)) delete (out as { stack?: string }).stack;
        else if (out.stack) out.stack = redactSecrets(out.stack, secrets);
        return out;
      },
    },
  };
  if (!pretty) return pino(config, destination);
  // Loaded only for a terminal: it and its dependencies are a tenth of a second of every start-up.
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof pinoPrettyFactory;
  const prettyStream = pinoPretty({
    destination,
    sync: true,
    colorize: isTty.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return pino(config, prettyStream);
}
