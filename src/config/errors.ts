// Configuration errors: one line naming the variable or flag, and the helper main uses to exit on them.

/** Writable enough for both process.stderr and a test buffer. */
export interface LineSink {
  write(text: string): unknown;
}

/**
 * A bad or missing configuration value. `source` is the environment variable or CLI flag that
 * carried it, so the operator knows exactly what to fix. The message never contains a secret.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly source: string;
  readonly reason: string;

  constructor(source: string, reason: string) {
    // Newlines would break the "one line on stderr" promise; squash them whatever the caller passed.
    super(`config: ${source}: ${reason}`.replace(/\s*[\r\n]+\s*/g, ' '));
    this.source = source;
    this.reason = reason;
  }
}

/** Thrown by loadConfig for `--help` and `--version`: not a failure, the text is the whole answer. */
export class ConfigHelpRequested extends Error {
  override readonly name = 'ConfigHelpRequested';
  /** The usage, or the version line. */
  readonly text: string;

  constructor(text: string) {
    super('help requested');
    this.text = text;
  }
}

/**
 * A value as an error message shows it: quoted and clipped to `max` characters. Text that looks like a
 * PEM key is never shown, whichever variable it was given in: pasting the key where its path belongs
 * is an easy mistake, and the message must not print the key.
 */
export function quoteValue(value: string, max = 80): string {
  if (/-----BEGIN|PRIVATE KEY/.test(value)) return '(a private key, not shown)';
  return JSON.stringify(value.length > max ? `${value.slice(0, max - 3)}...` : value);
}

export const CONFIG_ERROR_EXIT_CODE = 2;

/**
 * For main's start-up: a ConfigError prints its one line and exits 2; `--help` and `--version` print
 * their text (to `stdout` when given) and exit 0. Anything else is not a configuration problem and is rethrown.
 */
export function exitOnConfigError(
  err: unknown,
  stderr: LineSink,
  exit: (code: number) => unknown,
  stdout: LineSink = stderr,
): void {
  if (err instanceof ConfigHelpRequested) {
    stdout.write(err.text.endsWith('\n') ? err.text : `${err.text}\n`);
    exit(0);
    return;
  }
  if (err instanceof ConfigError) {
    stderr.write(`${err.message}\n`);
    exit(CONFIG_ERROR_EXIT_CODE);
    return;
  }
  throw err;
}
