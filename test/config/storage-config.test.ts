// V3_DATA_DIR and V3_DATABASE_URL: where history goes, and a database password that never shows.
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigForLog, loadConfig } from '../../src/config';
import { redactDatabaseUrl } from '../../src/config/format-config';

const URL_WITH_PASSWORD = 'postgres://trader:s3cret-Pw@db.internal:5432/history?sslmode=require';

describe('storage configuration', () => {
  it('keeps history in SQLite under .data unless a database URL is given', () => {
    expect(loadConfig({}, []).storage).toEqual({ dataDir: '.data', daemonId: 'kalshi-trader' });
    expect(loadConfig({ V3_DATABASE_URL: '' }, []).storage).toEqual({
      dataDir: '.data',
      daemonId: 'kalshi-trader',
    });
  });

  it.each(['postgres://db.internal/history', 'postgresql://u:p@127.0.0.1:5433/x', URL_WITH_PASSWORD])(
    'accepts %s as is',
    (url) => {
      expect(loadConfig({ V3_DATABASE_URL: ` ${url} ` }, []).storage.databaseUrl).toBe(url);
    },
  );

  it.each(['mysql://u:hunter2@db/x', 'db.internal:5432', 'postgres:// bad hunter2'])(
    'refuses %s in one line that does not echo it',
    (url) => {
      let error: unknown;
      try {
        loadConfig({ V3_DATABASE_URL: url }, []);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        'config: V3_DATABASE_URL: expected a postgres:// or postgresql:// URL',
      );
    },
  );

  it('never shows the password when the configuration is logged or serialised', () => {
    const config = loadConfig({ V3_DATABASE_URL: URL_WITH_PASSWORD }, []);
    const redacted = 'postgres://trader:[Redacted]@db.internal:5432/history?sslmode=require';
    expect(formatConfigForLog(config).storage.databaseUrl).toBe(redacted);
    expect(JSON.stringify(config)).not.toContain('s3cret-Pw');
    expect(JSON.stringify(config.storage)).toContain(redacted);
    expect(config.storage.databaseUrl).toBe(URL_WITH_PASSWORD);
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactDatabaseUrl('postgres://trader@db/history')).toBe('postgres://trader@db/history');
  });
});
