#!/usr/bin/env node
// Entry point for `tablebookings` / `npx tablebookings`.
//
// - Production (and any checkout after `npm run build`): runs the compiled dist/cli/main.js
//   with plain Node — no TypeScript, no tsx, no transpile cache.
// - A development checkout (tsx installed, i.e. dev dependencies present): runs src/ through
//   tsx when there is no dist/, or when dist/ is older than src/ (a stale build would run old
//   code). TABLEBOOKINGS_FROM_SOURCE=1 forces the sources, =0 forces dist/.
// - Neither: says how to build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');
const SRC_MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function useSources(hasDist, hasTsx) {
  const forced = process.env.TABLEBOOKINGS_FROM_SOURCE;
  if (forced === '1') return true;
  if (forced === '0' || !hasTsx || !fs.existsSync(SRC_MAIN)) return false;
  if (!hasDist) return true;
  const stale = newestMtime(path.join(ROOT, 'src')) > fs.statSync(path.join(ROOT, 'dist', 'BUILD.json')).mtimeMs;
  if (stale)
    process.stderr.write(
      'tablebookings: dist/ is older than src/; running the sources through tsx (`npm run build` refreshes dist/)\n',
    );
  return stale;
}

const hasDist = fs.existsSync(DIST_MAIN) && fs.existsSync(path.join(ROOT, 'dist', 'BUILD.json'));
const hasTsx = fs.existsSync(path.join(ROOT, 'node_modules', 'tsx', 'package.json'));

if (useSources(hasDist, hasTsx)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(SRC_MAIN).href);
} else if (hasDist) {
  await import(pathToFileURL(DIST_MAIN).href);
} else {
  process.stderr.write(
    'tablebookings: not built yet. In a checkout run `npm ci && npm run build` (then `npm prune --omit=dev` for production),\n' +
      'or `npm install` to run the sources through tsx while developing.\n',
  );
  process.exit(1);
}
