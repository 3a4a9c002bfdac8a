// Safe views of the configuration: secrets replaced, so the config can be logged or printed whole.
import type { Config, ControlTokenConfig, ExchangeConfig, StorageConfig } from './config-types';

export const REDACTED = '[Redacted]';

export function redactExchange(exchange: ExchangeConfig): ExchangeConfig {
  return {
    ...exchange,
    ...(exchange.keyId !== undefined ? { keyId: REDACTED } : {}),
    ...(exchange.privateKeyPem !== undefined ? { privateKeyPem: REDACTED } : {}),
  };
}

export const redactControlToken = (token: ControlTokenConfig): ControlTokenConfig => ({
  ...token,
  value: REDACTED,
});

/** The database URL with its password replaced (user, host and database stay: they help debugging). */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    return `${parsed.protocol}//${parsed.username}:${REDACTED}@${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return REDACTED;
  }
}

export const redactStorage = (storage: StorageConfig): StorageConfig =>
  storage.databaseUrl === undefined
    ? storage
    : { ...storage, databaseUrl: redactDatabaseUrl(storage.databaseUrl) };

/** A plain copy of `config` with the key id, the private key, the control token and the database password replaced. */
export function formatConfigForLog(config: Config): Config {
  return {
    ...config,
    exchange: redactExchange(config.exchange),
    server: { ...config.server, controlToken: redactControlToken(config.server.controlToken) },
    storage: redactStorage(config.storage),
  };
}

/**
 * Belt and braces: JSON.stringify (and so pino) of the config or of the objects holding secrets goes
 * through these, so `log.info({ config })` cannot leak even if someone forgets formatConfigForLog.
 * Non-enumerable, so spreads and deep-equality checks do not see it.
 */
export function attachRedactingToJson(config: Config): void {
  const define = (target: object, toJSON: () => unknown) =>
    Object.defineProperty(target, 'toJSON', { value: toJSON, enumerable: false });
  define(config, () => formatConfigForLog(config));
  define(config.exchange, () => redactExchange(config.exchange));
  define(config.server.controlToken, () => redactControlToken(config.server.controlToken));
  define(config.storage, () => redactStorage(config.storage));
}
