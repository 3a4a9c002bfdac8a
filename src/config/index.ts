// Re-exports of the configuration module: what the rest of the daemon and its tests use.
export { exposureWarning } from './bind-exposure';
export type { Config, ServerConfig } from './config-types';
export { ConfigError, ConfigHelpRequested, exitOnConfigError } from './errors';
export type { ReadFile } from './exchange-mode';
export { formatConfigForLog } from './format-config';
export { loadConfig } from './load-config';
export { renderConfigMarkdown, renderUsage } from './usage';
export { VARIABLES } from './variables';
