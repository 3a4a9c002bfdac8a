// The slice of the daemon's pino logger storage uses (a child logger is passed in).

export interface StorageLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentStorageLog: StorageLog = { debug() {}, info() {}, warn() {}, error() {} };
