// Safe views of the configuration: secrets replaced, so the config can be logged or printed whole.
import type { Config, ControlTokenConfig, ExchangeConfig } from './config-types';

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

/** A plain copy of `config` with the key id, the private key and the control token replaced. */
export function formatConfigForLog(config: Config): Config {
  return {
    ...config,
    exchange: redactExchange(config.exchange),
    server: { ...config.server, controlToken: redactControlToken(config.server.controlToken) },
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
}
