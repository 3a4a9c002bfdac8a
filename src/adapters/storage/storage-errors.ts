// Typed storage errors: one line each, and never a database password.

/** Anything storage refuses at start-up; the daemon prints the message and exits 2. */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' '), options);
  }
}

export class StorageSchemaTooNewError extends StorageError {
  override readonly name = 'StorageSchemaTooNewError';
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number) {
    super(
      `storage: the database is at schema version ${found}, newer than this build supports (${supported}); ` +
        'run a newer kalshi-trader, or point V3_DATA_DIR / V3_DATABASE_URL at another database',
    );
    this.found = found;
    this.supported = supported;
  }
}

/** The database could not be opened or migrated (unreachable, bad credentials, unwritable directory). */
export class StorageUnavailableError extends StorageError {
  override readonly name = 'StorageUnavailableError';
}

const REDACTED = '[Redacted]';

/** `text` with every occurrence of `secret` (as given and percent-encoded) replaced. */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret), decodeSafe(secret)])) {
    if (form.length > 0) out = out.split(form).join(REDACTED);
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The error's own message, one line, with `secret` removed: for logs and StorageError messages. */
export function describeError(err: unknown, secret?: string): string {
  // A refused connection to a name with several addresses (localhost: ::1 and 127.0.0.1) is an
  // AggregateError with an empty message; its parts say what happened.
  const parts = err instanceof AggregateError && !err.message ? err.errors : [err];
  const text = parts.map((e) => (e instanceof Error ? e.message || e.name : String(e))).join('; ');
  return scrubSecret(text, secret).replace(/\s*[\r\n]+\s*/g, ' ');
}
