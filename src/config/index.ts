// Re-exports of the configuration module.
export type {
  Config,
  ControlTokenConfig,
  ExchangeConfig,
  ExchangeMode,
  KalshiEnvName,
  LogLevel,
  MarketsConfig,
  RiskConfig,
  ServerConfig,
  SimConfig,
  StorageConfig,
  TimingConfig,
} from './config-types';
export {
  CONFIG_ERROR_EXIT_CODE,
  ConfigError,
  ConfigHelpRequested,
  exitOnConfigError,
  isConfigError,
  type LineSink,
} from './errors';
export type { ReadFile } from './exchange-mode';
export { formatConfigForLog, REDACTED, redactDatabaseUrl } from './format-config';
export { type Env, type LoadConfigDeps, loadConfig } from './load-config';
export { renderConfigMarkdown, renderUsage } from './usage';
export { VARIABLES, type VariableName } from './variables';
