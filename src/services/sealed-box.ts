import crypto from 'node:crypto';

/**
 * AES-256-GCM with a key derived from SECRET_KEY (HKDF, per purpose). Kept idempotent
 * answers contain manage tokens, so they are stored encrypted.
 */
/** HKDF purpose of the key that seals manage tokens kept in the outbox (reminder links). */
export const OUTBOX_LINK_PURPOSE = 'outbox-links';

export function deriveKey(secretKey: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secretKey, 'tablebookings', purpose, 32));
}

export function seal(key: Buffer, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function open(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The key that seals manage links in the outbox (the app seals, every sender opens). */
export function outboxKeyOf(secretKey: string): Buffer {
  return deriveKey(secretKey, 'outbox-secrets');
}
