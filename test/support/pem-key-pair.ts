// One RSA key pair (PEM) per test file that needs a signing key: the simulator gets the public half, the
// client the private one. Generated once, on first use, since RSA generation is slow.
import { generateKeyPairSync } from 'node:crypto';

let pair: { publicKey: string; privateKey: string } | undefined;

export function pemKeyPair(): { publicKey: string; privateKey: string } {
  pair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return pair;
}
