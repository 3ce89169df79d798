/** Where sign-in sends a person when `next` is missing or not a path on this site. */
export const DEFAULT_NEXT = '/staff';

/** Control characters (C0, DEL, C1) or a backslash: browsers strip or reinterpret these. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPICIOUS = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * The path to go to after sign-in, never another site. `next` is resolved against the site's
 * origin exactly as a browser resolves a Location header (WHATWG URL: tabs and newlines
 * removed, `\` read as `/`, `.` segments collapsed), and kept only when the result is on the
 * same origin and its path cannot itself be read as a protocol-relative URL (`//host`).
 * Control characters and backslashes are refused outright. Returns path + query + fragment.
 */
export function safeNextPath(next: unknown, baseUrl: string): string {
  if (typeof next !== 'string' || next === '' || next.length > 2000) return DEFAULT_NEXT;
  if (SUSPICIOUS.test(next) || !next.startsWith('/') || next.startsWith('//')) return DEFAULT_NEXT;
  let origin: string;
  let resolved: URL;
  try {
    origin = new URL(baseUrl).origin;
    resolved = new URL(next, origin);
  } catch {
    return DEFAULT_NEXT;
  }
  if (resolved.origin !== origin) return DEFAULT_NEXT;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : DEFAULT_NEXT;
}
