import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { TlsSettings } from '../config/tls-options.ts';

/** Driver TLS options for the settings parsed from DATABASE_URL (src/config/tls-options.ts). */

function caOf(tls: TlsSettings): string | undefined {
  return tls.caFile ? fs.readFileSync(tls.caFile, 'utf8') : undefined;
}

/** mysql2's `ssl`: it checks the host name only when told to (verifyIdentity). */
export function mysqlTlsOptions(
  tls: TlsSettings,
): { ca?: string; rejectUnauthorized: boolean; verifyIdentity: boolean } | undefined {
  if (tls.mode === 'off') return undefined;
  return { ca: caOf(tls), rejectUnauthorized: tls.mode !== 'require', verifyIdentity: tls.mode === 'verify-full' };
}

/** pg's `ssl` (Node TLS options). */
export function postgresTlsOptions(tls: TlsSettings): ConnectionOptions | undefined {
  if (tls.mode === 'off') return undefined;
  const ca = caOf(tls);
  if (tls.mode === 'require') return { ca, rejectUnauthorized: false };
  if (tls.mode === 'verify-ca') return { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  return { ca, rejectUnauthorized: true };
}
