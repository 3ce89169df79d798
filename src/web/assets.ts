import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the stylesheet and script served under /static/. */
export const STATIC_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

function fingerprint(file: string): string {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(STATIC_ROOT, file)))
    .digest('hex')
    .slice(0, 12);
}

/** A short content hash per asset, so its URL changes whenever it does (cacheable "forever"). */
export const ASSET_VERSION = fingerprint('app.css') + fingerprint('app.js') + fingerprint('timeline.js');

export type AssetFile = 'app.css' | 'app.js' | 'timeline.js';

export function assetUrl(file: AssetFile): string {
  return `/static/${file}?v=${ASSET_VERSION}`;
}
