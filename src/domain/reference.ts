/** Crockford base32 alphabet (no I, L, O, U). */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_LENGTH = 8;

/** 8 Crockford base32 characters from 40 random bits. */
export function newReference(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(5);
  if (bytes.length < 5) throw new RangeError('randomBytes returned too few bytes');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i]);
  let out = '';
  for (let i = REFERENCE_LENGTH - 1; i >= 0; i--) {
    out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  }
  return out;
}

/**
 * Canonical form of a reference typed by a person: trimmed, uppercase, hyphens
 * removed, O read as 0 and I/L as 1. Null unless exactly 8 valid characters.
 */
export function normalizeReference(s: string): string | null {
  if (typeof s !== 'string') return null;
  const canonical = s.trim().toUpperCase().replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (canonical.length !== REFERENCE_LENGTH) return null;
  for (const ch of canonical) if (!CROCKFORD.includes(ch)) return null;
  return canonical;
}
