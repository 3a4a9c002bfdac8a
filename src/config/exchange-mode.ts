// Decides simulator vs exchange mode from credentials and URLs, and loads the private key PEM.
import { KALSHI_ENVIRONMENTS } from '../adapters/kalshi/constants';
import type { ExchangeConfig } from './config-types';
import { ConfigError, quoteValue } from './errors';
import { isRsaPrivateKeyPem, PEM_EXPECTED, unescapePem } from './value-parsers';
import type { ParsedVariables } from './variables';

export type ReadFile = (path: string) => string;

type ExchangeInputs = Pick<
  ParsedVariables,
  | 'KALSHI_ENV'
  | 'KALSHI_API_URL'
  | 'KALSHI_WS_URL'
  | 'KALSHI_API_KEY_ID'
  | 'KALSHI_PRIVATE_KEY_CONTENT'
  | 'KALSHI_PRIVATE_KEY_PATH'
>;

/**
 * No credentials and no URLs: the embedded simulator. Anything else must be a complete, explicit
 * exchange setup; in particular credentials alone never default to an environment, because the
 * wrong guess either trades real money or fails in a confusing way.
 */
export function resolveExchange(input: ExchangeInputs, readFile: ReadFile): ExchangeConfig {
  const { KALSHI_ENV: env, KALSHI_API_KEY_ID: keyId } = input;
  const content = input.KALSHI_PRIVATE_KEY_CONTENT;
  const path = input.KALSHI_PRIVATE_KEY_PATH;
  const target = [
    input.KALSHI_API_URL && 'KALSHI_API_URL',
    input.KALSHI_WS_URL && 'KALSHI_WS_URL',
    env && 'KALSHI_ENV',
  ].filter((name): name is string => typeof name === 'string');
  const hasCredentials = keyId !== undefined || content !== undefined || path !== undefined;

  if (!hasCredentials && target.length === 0) return { mode: 'simulator' };

  if (content !== undefined && path !== undefined) {
    throw new ConfigError(
      'KALSHI_PRIVATE_KEY_PATH',
      'set either KALSHI_PRIVATE_KEY_CONTENT or this, not both',
    );
  }
  if (keyId === undefined) {
    const why =
      target.length > 0
        ? `${target.join(' and ')} ${target.length > 1 ? 'are' : 'is'} set`
        : 'a private key is set';
    throw new ConfigError(
      'KALSHI_API_KEY_ID',
      `required because ${why} (unset the Kalshi variables to use the simulator)`,
    );
  }
  if (content === undefined && path === undefined) {
    throw new ConfigError(
      'KALSHI_PRIVATE_KEY_CONTENT',
      'required with KALSHI_API_KEY_ID (or set KALSHI_PRIVATE_KEY_PATH)',
    );
  }

  const apiUrl = input.KALSHI_API_URL ?? (env && KALSHI_ENVIRONMENTS[env].apiUrl);
  const wsUrl = input.KALSHI_WS_URL ?? (env && KALSHI_ENVIRONMENTS[env].wsUrl);
  if (apiUrl === undefined && wsUrl === undefined) {
    throw new ConfigError(
      'KALSHI_ENV',
      'credentials are set but no exchange is named: set KALSHI_ENV=demo or KALSHI_ENV=prod, ' +
        'or KALSHI_API_URL and KALSHI_WS_URL (trading real money is never a default)',
    );
  }
  if (apiUrl === undefined)
    throw new ConfigError('KALSHI_API_URL', 'required when KALSHI_WS_URL is set (or set KALSHI_ENV)');
  if (wsUrl === undefined)
    throw new ConfigError('KALSHI_WS_URL', 'required when KALSHI_API_URL is set (or set KALSHI_ENV)');

  const privateKeyPem = content ?? readKeyFile(path as string, readFile);
  return { mode: 'exchange', ...(env ? { env } : {}), apiUrl, wsUrl, keyId, privateKeyPem };
}

/** The file's path is not secret and helps; its content is, and never reaches a message. */
function readKeyFile(path: string, readFile: ReadFile): string {
  const source = 'KALSHI_PRIVATE_KEY_PATH';
  const shown = quoteValue(path, Number.POSITIVE_INFINITY);
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ENOENT') throw new ConfigError(source, `file not found: ${shown}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new ConfigError(source, `file is not readable: ${shown}`);
    if (code === 'EISDIR') throw new ConfigError(source, `is a directory, not a key file: ${shown}`);
    throw new ConfigError(source, `cannot read ${shown}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const pem = unescapePem(text);
  if (!isRsaPrivateKeyPem(pem)) throw new ConfigError(source, `${PEM_EXPECTED} in ${shown}`);
  return pem;
}
