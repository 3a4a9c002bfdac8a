// Re-exports of the storage adapter.
export { LATEST_SCHEMA_VERSION } from './migrations/migration-plan';
export { type OpenStorageOptions, openStorage, SQLITE_FILE_NAME } from './open-storage';
export { StorageError, StorageSchemaTooNewError, StorageUnavailableError } from './storage-errors';
