// Re-exports of the storage adapter.
export { LATEST_SCHEMA_VERSION } from './migrations/migration-plan';
export { type OpenStorageOptions, openStorage, SQLITE_FILE_NAME } from './open-storage';
export type { StorageOptions } from './sql-storage';
export {
  isStorageError,
  STORAGE_ERROR_EXIT_CODE,
  StorageError,
  StorageSchemaTooNewError,
  StorageUnavailableError,
} from './storage-errors';
export type { StorageLog } from './storage-log';
export { QUEUE_DEFAULTS, type WriteQueueOptions } from './write-queue';
