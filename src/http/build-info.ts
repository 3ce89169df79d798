import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What this build is: package version, and the git revision when `npm run build` recorded one
 * (dist/BUILD.json); for `tablebookings --version` and `tablebookings_build_info`.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** src/http or dist/http: the package root is two levels up either way */
const ROOT = path.resolve(HERE, '..', '..');

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

let cached: { version: string; revision: string } | undefined;

export function buildInfo(): { version: string; revision: string } {
  if (cached) return cached;
  const version = String(readJson(path.join(ROOT, 'package.json'))?.version ?? '0.0.0');
  const revision = String(readJson(path.join(HERE, '..', 'BUILD.json'))?.revision ?? 'source');
  return (cached = { version, revision });
}

export function packageVersion(): string {
  return buildInfo().version;
}
