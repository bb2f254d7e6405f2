import { decryptJson, encryptJson } from '../config/secrets.ts';
import type { Declaration } from '../connectors/types.ts';

export type RequestSecrets = Readonly<Record<string, string>>;

/** The request headers one network asked for (X's BYO keys), and no other. */
export function secretsFor(declaration: Declaration, all: RequestSecrets): RequestSecrets {
  const wanted = declaration.requestSecrets ?? [];
  return Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name)));
}

/**
 * Sealed (AES-256-GCM) for the job payload only: the job row is deleted when the
 * job completes, so the keys exist at rest only, encrypted, while the publish waits.
 */
export function sealSecrets(key: Buffer, secrets: RequestSecrets): string | undefined {
  return Object.keys(secrets).length > 0 ? encryptJson(key, secrets) : undefined;
}

export function openSecrets(key: Buffer, sealed: string | undefined): RequestSecrets {
  return sealed ? decryptJson<RequestSecrets>(key, sealed) : {};
}
