// Server-side check of Kalshi's request signature: RSA-PSS / SHA-256 over timestamp + METHOD + path, used
// by the simulator's REST app and its WS upgrade. Failures never echo keys or signatures.
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';

const HEADER_KEY = 'kalshi-access-key';
const HEADER_TIMESTAMP = 'kalshi-access-timestamp';
const HEADER_SIGNATURE = 'kalshi-access-signature';

export interface SimKeyRegistry {
  /** Registers an API key; the user id defaults to the key id. Throws on an unreadable public key. */
  register(keyId: string, publicKeyPem: string | KeyObject, userId?: string): void;
  lookup(keyId: string): { publicKey: KeyObject; userId: string } | undefined;
}

export function createSimKeyRegistry(): SimKeyRegistry {
  const keys = new Map<string, { publicKey: KeyObject; userId: string }>();
  return {
    register(keyId, publicKeyPem, userId) {
      const publicKey =
        typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem.replace(/\\n/g, '\n')) : publicKeyPem;
      keys.set(keyId, { publicKey, userId: userId ?? keyId });
    },
    lookup: (keyId) => keys.get(keyId),
  };
}

export type AuthFailureKind =
  | 'missing_headers'
  | 'unknown_key'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'bad_signature';

/**
 * `reason` is the `details` text of the 401 envelope, in the gRPC style of Kalshi's observed body
 * ("rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE"); the descs other than
 * INCORRECT_API_KEY_SIGNATURE are ours.
 */
export type VerifyResult =
  | { ok: true; userId: string }
  | { ok: false; kind: AuthFailureKind; reason: string };

const DESCS: Record<AuthFailureKind, string> = {
  missing_headers: 'MISSING_API_KEY_HEADERS',
  unknown_key: 'INVALID_API_KEY',
  bad_timestamp: 'INVALID_API_KEY_TIMESTAMP',
  stale_timestamp: 'API_KEY_TIMESTAMP_OUT_OF_RANGE',
  bad_signature: 'INCORRECT_API_KEY_SIGNATURE',
};

const failure = (kind: AuthFailureKind): VerifyResult => ({
  ok: false,
  kind,
  reason: `rpc error: code = Unauthenticated desc = ${DESCS[kind]}`,
});

/** The 401 body Kalshi sends, with details varying by cause. */
export function authErrorBody(reason: string) {
  return { error: { code: 'authentication_error', message: 'authentication_error', details: reason } };
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return Array.isArray(value) ? value[0] : value;
}

/** Kalshi documents no tolerance window; 30 s either way absorbs ordinary clock skew. */
export const DEFAULT_MAX_SKEW_MS = 30_000;

export function verifyKalshiRequest(
  registry: SimKeyRegistry,
  headers: HeaderSource,
  method: string,
  path: string,
  now: () => number,
  opts: { maxSkewMs?: number; strictSalt?: boolean } = {},
): VerifyResult {
  const keyId = header(headers, HEADER_KEY);
  const timestamp = header(headers, HEADER_TIMESTAMP);
  const signature = header(headers, HEADER_SIGNATURE);
  if (!keyId || !timestamp || !signature) return failure('missing_headers');
  const key = registry.lookup(keyId);
  if (!key) return failure('unknown_key');
  if (!/^\d{1,16}$/.test(timestamp)) return failure('bad_timestamp');
  if (Math.abs(now() - Number(timestamp)) > (opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) {
    return failure('stale_timestamp');
  }
  const q = path.search(/[?#]/);
  const message = timestamp + method.toUpperCase() + (q === -1 ? path : path.slice(0, q));
  let valid = false;
  try {
    valid = verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      {
        key: key.publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        // AUTO accepts digest-length salts (Kalshi's documented choice) and max-length salts (what Node
        // produces when a client forgets saltLength, and what Kalshi's production servers accept). Strict
        // mode takes the documented 32 bytes only, so a client regressing to max-length salts is caught.
        saltLength:
          opts.strictSalt === true ? constants.RSA_PSS_SALTLEN_DIGEST : constants.RSA_PSS_SALTLEN_AUTO,
      },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  return valid ? { ok: true, userId: key.userId } : failure('bad_signature');
}
