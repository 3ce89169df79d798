import type { Backend } from '../config/database-url.ts';

/** `0-1-100,1-2-7` → domain → sequence number */
function gtidSeqs(text: string): Map<string, bigint> {
  const seqs = new Map<string, bigint>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [domain, , seq] = part.split('-');
    if (domain !== undefined && seq !== undefined && /^\d+$/.test(seq)) seqs.set(domain, BigInt(seq));
  }
  return seqs;
}

/** `16/B374D848` → a number */
function lsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high || '0'}`) << 32n) + BigInt(`0x${low || '0'}`);
}

/** Has the replica applied everything the primary had at `primary`? Pure; compares positions. */
export function caughtUp(backend: Backend, replica: string, primary: string): boolean {
  if (backend === 'postgres') return lsn(replica) >= lsn(primary);
  const applied = gtidSeqs(replica);
  for (const [domain, seq] of gtidSeqs(primary)) {
    if ((applied.get(domain) ?? -1n) < seq) return false;
  }
  return true;
}
