// One RSA key pair for a batch of trials, written to a fresh temporary directory: the simulator is given
// the public half, the daemon the private half, exactly as with Kalshi.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TrialKeys {
  keyId: string;
  privateKeyPath: string;
  publicKeyPath: string;
  /** A directory of its own for this batch (the daemon's data directory lives under it). */
  dir: string;
  remove(): void;
}

export function makeTrialKeys(): TrialKeys {
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-trials-'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKeyPath = join(dir, 'daemon.key');
  const publicKeyPath = join(dir, 'daemon.pub');
  writeFileSync(privateKeyPath, privateKey, { mode: 0o600 });
  writeFileSync(publicKeyPath, publicKey);
  return {
    keyId: randomUUID(),
    privateKeyPath,
    publicKeyPath,
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
