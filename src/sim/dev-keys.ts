// A development RSA key pair for the standalone simulator, generated once into the git-ignored
// `.dev-keys/` folder so `npm run sim` works without a real Kalshi key.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DEV_KEYS_DIR = '.dev-keys';

export interface DevKeys {
  keyId: string;
  publicKeyPem: string;
  /** PKCS#8 PEM, readable by the owner only. */
  privateKeyPath: string;
  publicKeyPath: string;
  keyIdPath: string;
  /** True when this call generated the pair. */
  created: boolean;
}

/** Loads the dev key pair from `dir`, generating it first when any of its three files is missing. */
export function ensureDevKeys(dir: string = DEFAULT_DEV_KEYS_DIR): DevKeys {
  const base = resolve(dir);
  const privateKeyPath = join(base, 'sim-dev.key');
  const publicKeyPath = join(base, 'sim-dev.pub');
  const keyIdPath = join(base, 'sim-dev.key-id');
  let created = false;
  if (![privateKeyPath, publicKeyPath, keyIdPath].every((p) => existsSync(p))) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    mkdirSync(base, { recursive: true, mode: 0o700 });
    writeFileSync(privateKeyPath, pair.privateKey, { mode: 0o600 });
    writeFileSync(publicKeyPath, pair.publicKey, { mode: 0o644 });
    writeFileSync(keyIdPath, `${randomUUID()}\n`, { mode: 0o644 });
    created = true;
  }
  return {
    keyId: readFileSync(keyIdPath, 'utf8').trim(),
    publicKeyPem: readFileSync(publicKeyPath, 'utf8'),
    privateKeyPath,
    publicKeyPath,
    keyIdPath,
    created,
  };
}
