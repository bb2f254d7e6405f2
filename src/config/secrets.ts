import { createCipheriv, createDecipheriv, hash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Config, parseSecretKey } from './config.ts';

/**
 * The key that encrypts network credentials. Production must configure it; in
 * development it is generated once into the data folder (mode 0600) so a restart
 * can still read what it stored.
 */
export async function resolveSecretKey(config: Config): Promise<Buffer> {
  if (config.secretKey) return config.secretKey;
  if (config.mode === 'production') throw new Error('HERALD_SECRET_KEY is required in production');
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = parseSecretKey(await readFile(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return key;
}

/** AES-256-GCM; the output is base64 of iv(12) || tag(16) || ciphertext. */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function decryptJson<T>(key: Buffer, sealed: string): T {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const plaintext = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as T;
}

const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `XXXXXXX-XXXXXXX-XXXXXXX-XXXXXXX`, Ayrshare's key shape: 28 symbols of 5 bits = 140 bits. */
export function generateKey(): string {
  const bytes = randomBytes(28);
  const chars = Array.from(bytes, (b) => KEY_ALPHABET[b % KEY_ALPHABET.length]);
  return [0, 7, 14, 21].map((i) => chars.slice(i, i + 7).join('')).join('-');
}

/**
 * Keys are long random strings, so a plain SHA-256 is the right hash: no salt or stretching
 * needed. Made for every request: the one-shot `hash` (no Hash object) costs a fifth of
 * `createHash` for a key.
 */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}
