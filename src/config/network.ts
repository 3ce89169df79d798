/**
 * Network-facing settings parsed from the environment (part of the config layer; kept apart
 * from config.ts to keep both short). Errors name the variable, as ConfigError does.
 */

/** false: X-Forwarded-For is ignored; N: the N nearest hops are ours; list: exactly these peers. */
export type TrustProxy = false | number | readonly string[];

export class NetworkConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+(:\d{1,3}(\.\d{1,3}){3})?$/i;

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && IPV6.test(address) && (address.match(/::/g) ?? []).length <= 1;
  if (!v4 && !v6) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128);
}

/**
 * TRUST_PROXY (SPEC §9.4): unset/0/false/off → no proxy; `1` (or true/yes/on, for older
 * set-ups) → one hop, the load balancer in front; a number N → N hops; a comma-separated list
 * of addresses or CIDRs → exactly those peers. Never "trust everybody".
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const text = raw?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
  if (['true', 'yes', 'on'].includes(text)) return 1;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32)
      throw new NetworkConfigError(
        'TRUST_PROXY',
        `must be a hop count from 0 to 32 or a list of addresses (got "${raw}")`,
      );
    return hops;
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (entries.length === 0 || bad.length) {
    throw new NetworkConfigError(
      'TRUST_PROXY',
      `must be 0, a hop count, or a comma-separated list of IP addresses / CIDRs (not "${bad.join(', ') || raw}")`,
    );
  }
  return Object.freeze(entries);
}

/** METRICS_TOKEN: optional, but when set long enough not to be guessed. */
export function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16) throw new NetworkConfigError('METRICS_TOKEN', 'must be at least 16 characters long');
  return raw;
}

/** The value for Fastify's `trustProxy` option. */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return [...trust];
}
