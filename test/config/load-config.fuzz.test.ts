// Fuzzing the configuration loader: random and near-miss values for any variables (huge, negative,
// fractional and exponent numbers, URLs of every scheme, lists, unicode and control characters, very long
// text), flags in every form, key files that are missing or hold junk, and keys put in the wrong variable.
// The loader returns a frozen Config or throws one ConfigError line (or answers --help/--version), and no
// secret (marked values of the secret variables, any piece of a private key) shows in either.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigHelpRequested, loadConfig } from '../../src/config';
import { VARIABLE_NAMES } from '../../src/config/variables';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams, InputCounter } from '../support/fuzz';

const MARK = 'Zq9SecretMark';
const key = (type: 'pkcs1' | 'pkcs8') =>
  generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type, format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
const PEMS = [key('pkcs8'), key('pkcs1')];
const BODIES = PEMS.map((pem) =>
  pem
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('-----'))
    .join(''),
);
const pem = fc.oneof(
  fc.constantFrom(...PEMS),
  fc.constantFrom(...PEMS).map((p) => p.replace(/\n/g, '\\n')),
  fc.constantFrom(...PEMS).chain((p) => fc.nat({ max: p.length - 1 }).map((n) => p.slice(0, n))),
);

const junk = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1e3',
    '0x10',
    '99999999999999999999',
    '8005.5',
    ' 42 ',
    '1.005',
    'NaN',
    'true',
    'TRUE',
    'yes',
    '',
  ),
  fc.constantFrom(
    'http://x',
    'ftp://x',
    'ws://127.0.0.1:1/trade-api/ws/v2',
    'https://h/trade-api/v2/',
    'postgres://u@h/db',
    'not a url',
  ),
  fc.constantFrom(
    'DISCOVERY',
    'A,B,,C',
    ',,',
    'local host',
    '::1',
    '[::1]:80',
    '0.0.0.0',
    '.example.com',
    '*',
    'demo',
    'prod',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
// Secret variables get values carrying a mark, so an echo of them is recognisable anywhere.
const marked = fc
  .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
  .map(([a, b]) => `${a}${MARK}${b}`);
// A whole key costs milliseconds to check: rarer than the rest, still a few hundred per run.
const secretValue = fc.oneof(
  { arbitrary: marked, weight: 4 },
  { arbitrary: marked.map((m) => `x${m.replace(/\s/g, '')}xxxxxxxxxxxx`), weight: 4 },
  { arbitrary: pem, weight: 1 },
);
const SECRET = {
  KALSHI_API_KEY_ID: secretValue,
  KALSHI_PRIVATE_KEY_CONTENT: secretValue,
  V3_CONTROL_TOKEN: secretValue,
  V3_DATABASE_URL: marked.map((m) => `postgres://user:${encodeURIComponent(m)}@db.example:5432/h`),
  // The classic mix-up: the key itself where its path belongs.
  KALSHI_PRIVATE_KEY_PATH: fc.oneof({ arbitrary: pem, weight: 1 }, { arbitrary: junk, weight: 3 }),
} as Record<string, fc.Arbitrary<string>>;
const env = fc
  .subarray([...VARIABLE_NAMES], { maxLength: 7 })
  .chain((names) => fc.tuple(...names.map((n) => (SECRET[n] ?? junk).map((v) => [n, v] as const))))
  .map((pairs) => Object.fromEntries(pairs));

const FLAGS = [
  '--port',
  '--host',
  '--markets',
  '--log-level',
  '--sim-markets',
  '--sim-rate',
  '--nope',
  '-p',
  '--',
];
const argv = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...FLAGS), junk).map(([f, v]) => [f, v]),
      fc.tuple(fc.constantFrom(...FLAGS), junk).map(([f, v]) => [`${f}=${v}`]),
      fc.constantFrom(['--help'], ['--version'], ['--port']),
      fc.string({ maxLength: 10 }).map((s) => [s]),
    ),
    { maxLength: 3 },
  )
  .map((parts) => parts.flat());
const keyFile = fc.oneof(
  fc.oneof({ arbitrary: pem, weight: 1 }, { arbitrary: marked, weight: 3 }).map((text) => () => text),
  fc.constantFrom('ENOENT', 'EACCES', 'EISDIR', 'EIO', undefined).map((code) => () => {
    throw Object.assign(new Error(`${code} ${MARK}`), { code });
  }),
);

/** The secrets a text must not hold: the mark, a PEM header, or any 40 characters of a key's body. */
function leaked(text: string): string | undefined {
  if (text.includes(MARK)) return 'a marked secret';
  if (/PRIVATE KEY/.test(text)) return 'a PEM header';
  for (const body of BODIES) {
    for (let i = 0; i + 40 <= body.length; i += 20)
      if (text.includes(body.slice(i, i + 40))) return 'a piece of a key';
  }
  return undefined;
}

const counter = new InputCounter();

describe(`configuration values, fuzzed (seed ${FUZZ_SEED})`, () => {
  it(
    'gives a frozen Config or one ConfigError line, never a secret in either',
    () => {
      fc.assert(
        fc.property(env, argv, keyFile, (vars, args, readFile) => {
          counter.add();
          let outcome: unknown;
          try {
            outcome = loadConfig(vars, args, { readFile, randomHex: () => 'ab'.repeat(16) });
          } catch (err) {
            outcome = err;
          }
          if (outcome instanceof ConfigHelpRequested) return;
          if (outcome instanceof ConfigError) {
            expect(outcome.message).toMatch(/^config: [^\r\n]+$/);
            expect(leaked(outcome.message), outcome.message).toBeUndefined();
            return;
          }
          expect(outcome).not.toBeInstanceOf(Error);
          expect(Object.isFrozen(outcome)).toBe(true);
          const shown = JSON.stringify(outcome);
          expect(leaked(shown), shown).toBeUndefined();
        }),
        fuzzParams(10_000),
      );
      counter.check();
    },
    FUZZ_TIMEOUT_MS,
  );
});
