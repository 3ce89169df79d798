#!/usr/bin/env node
// `npm run build [-- --out-dir DIR]`: compiles src/ to dist/ with tsc (tsconfig.build.json)
// and copies every file that is not TypeScript (stylesheets, scripts, data files) beside the
// compiled modules, so paths built from import.meta.url find them. Plain JavaScript: it runs
// before anything is built.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

function outDir(argv) {
  const i = argv.indexOf('--out-dir');
  return path.resolve(ROOT, i >= 0 ? argv[i + 1] : 'dist');
}

function compile(out) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit', cwd: ROOT });
}

function copyAssets(out) {
  let copied = 0;
  for (const entry of fs.readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(out, path.relative(SRC, from));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    copied++;
  }
  return copied;
}

/** The commit being built (with `-dirty` for local changes), or "unknown" outside a git checkout. */
function gitRevision() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return git('rev-parse', '--short=12', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no', '--', 'src') ? '-dirty' : '');
  } catch {
    return 'unknown';
  }
}

const out = outDir(process.argv.slice(2));
const started = Date.now();
fs.rmSync(out, { recursive: true, force: true });
compile(out);
const assets = copyAssets(out);
fs.writeFileSync(path.join(out, 'BUILD.json'), JSON.stringify({ revision: gitRevision(), builtAt: new Date().toISOString() }) + '\n');
process.stdout.write(`built ${path.relative(ROOT, out) || out}/ (${assets} assets) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
