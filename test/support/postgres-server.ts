// A real PostgreSQL server for tests: initdb into a temp dir, pg_ctl start on a free loopback port,
// stopped and removed after. As root (CI) it runs as an unprivileged user, since initdb refuses root.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  readonly port: number;
  /** The superuser's password (password authentication is on for TCP, as on a real server). */
  readonly password: string;
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server but keeps its data (to test an unreachable database); `start()` brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

const SEARCH_ROOT = '/usr/lib/postgresql';

/** The directory holding initdb and pg_ctl: PG_BIN_DIR, else the newest Debian version installed. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.PG_BIN_DIR ? [env.PG_BIN_DIR] : debianBinDirs();
  return candidates.find((dir) => executable(join(dir, 'initdb')) && executable(join(dir, 'pg_ctl')));
}

function debianBinDirs(): string[] {
  try {
    return readdirSync(SEARCH_ROOT)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(SEARCH_ROOT, v, 'bin'));
  } catch {
    return [];
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Undefined when a server can be started here, else why not (what to install). */
export function postgresMissing(): string | undefined {
  if (findPostgresBin() !== undefined) return undefined;
  return (
    `PostgreSQL server binaries (initdb, pg_ctl) not found under ${SEARCH_ROOT}/*/bin: install them with ` +
    '`apt-get install -y --no-install-recommends postgresql` (or set PG_BIN_DIR)'
  );
}

/** initdb refuses to run as root: then the server runs as `postgres` (Debian's) or `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0)
      return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL');
}

function run(command: string, args: string[], user: string | null): Promise<string> {
  const [file, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} failed: ${(stderr || stdout || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a throw-away server; rejects with the reason (initdb or pg_ctl output) when it cannot. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresMissing());
  const user = serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'kalshi-trader-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(join(dir, 'pwfile'), user.uid, user.gid);
  }
  const pgCtl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, ...args], user?.name ?? null);
  let port = 0;
  const startOn = async (p: number) => {
    // No fsync: a test server's data is thrown away; everything else is as in production.
    const options = `-p ${p} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
    await pgCtl(['-w', '-t', '30', '-l', log, '-o', options, 'start']);
  };
  const immediateStop = () => {
    const args = ['-D', data, '-m', 'immediate', 'stop'];
    spawnSync(
      user ? 'runuser' : join(bin, 'pg_ctl'),
      user ? ['-u', user.name, '--', join(bin, 'pg_ctl'), ...args] : args,
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(
      join(bin, 'initdb'),
      [
        ...['-D', data, '-U', 'postgres', '--pwfile', join(dir, 'pwfile'), '--no-sync', '--no-instructions'],
        ...['--auth-local=trust', '--auth-host=scram-sha-256'],
      ],
      user?.name ?? null,
    );
    // Another process may take the probed port first: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await startOn(port);
        break;
      } catch (err) {
        if (attempt >= 3) throw new Error(`${(err as Error).message}\n${tail(log)}`);
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  // If the test process dies without afterAll, the server must not outlive it.
  process.once('exit', immediateStop);

  let counter = 0;
  const url = (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    password,
    url,
    async createDatabase() {
      const name = `kt_test_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        // FILE_COPY: a small template copies faster than it is WAL-logged.
        await client.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    halt: () => pgCtl(['-w', '-m', 'fast', 'stop']).then(() => undefined),
    start: () => startOn(port),
    async stop() {
      process.removeListener('exit', immediateStop);
      await pgCtl(['-w', '-m', 'fast', 'stop']).catch(() => immediateStop());
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
