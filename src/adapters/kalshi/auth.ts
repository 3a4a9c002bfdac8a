// Kalshi request signing: RSA-PSS / SHA-256 over `timestamp_ms + METHOD + path` (query excluded).
import { constants, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './constants';

export type Clock = () => number;

export interface KalshiCredentials {
  keyId: string;
  privateKey: KeyObject;
}

export type AuthHeaders = Record<
  typeof HEADER_KEY | typeof HEADER_TIMESTAMP | typeof HEADER_SIGNATURE,
  string
>;

/**
 * Loads a PEM private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"). Env vars often carry
 * the PEM with literal `\n` escapes; those are turned back into newlines first. The thrown error
 * never contains key material.
 */
export function loadPrivateKey(source: { pem?: string; path?: string }): KeyObject {
  let pem = source.pem;
  if (pem === undefined && source.path !== undefined) pem = readFileSync(source.path, 'utf8');
  if (pem === undefined) throw new Error('no private key given');
  pem = pem.replace(/\\n/g, '\n').trim();
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    return key;
  } catch {
    throw new Error('private key is not a readable RSA PEM (PKCS#1 or PKCS#8)');
  }
}

/** Strips the query and fragment: Kalshi signs the path only. */
export function signingPath(pathOrUrl: string): string {
  const path =
    pathOrUrl.startsWith('http') || pathOrUrl.startsWith('ws') ? new URL(pathOrUrl).pathname : pathOrUrl;
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

export function signMessage(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    // Without this Node uses the maximum salt length; Kalshi documents salt = digest length.
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  }).toString('base64');
}

/** The three headers for one request. `path` must include `/trade-api/v2` (or be the WS path). */
export function authHeaders(creds: KalshiCredentials, method: string, path: string, now: Clock): AuthHeaders {
  const timestamp = String(Math.floor(now()));
  const message = timestamp + method.toUpperCase() + signingPath(path);
  return {
    [HEADER_KEY]: creds.keyId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_SIGNATURE]: signMessage(creds.privateKey, message),
  } as AuthHeaders;
}
