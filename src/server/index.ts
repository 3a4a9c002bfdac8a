// Public surface of the server layer (re-exports only).
export { type AppOptions, createApp } from './app';
export {
  type CommandResult,
  CommandResultSchema,
  type DaemonCommand,
  DaemonCommandSchema,
} from './commands';
export type * from './events';
export { ApiError, errorBody } from './http-errors';
export { createMetrics, type DaemonMetrics } from './metrics';
export type { DaemonPorts } from './ports';
export * from './view-mappers';
export * from './views';
export { attachWebSocket, type WsFeed, type WsFeedOptions, type WsFeedStats } from './ws-feed';
