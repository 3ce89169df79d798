import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A copy of this checkout installed the documented production way, in a temp folder:
 * `npm ci && npm run build && npm prune --omit=dev`. `npm ci` runs offline from npm's cache
 * (CI's own `npm ci` filled it) and with --ignore-scripts; the one native module's compiled
 * binding is copied from this checkout instead of being rebuilt (same Node, same machine),
 * which saves minutes of compiling SQLite and changes nothing else.
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
const NATIVE_BINDINGS = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node'];

function run(cwd: string, command: string, args: string[]): void {
  const res = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
}

/** The environment without anything that would load tsx into a child. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/** Copies the files git knows (tracked, plus new ones not ignored) as they are in the work tree. */
function copyCheckout(to: string): void {
  const list = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const file of list.split('\0').filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
}

export function productionCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-production-'));
  copyCheckout(dir);
  run(dir, 'npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
  for (const binding of NATIVE_BINDINGS) {
    fs.mkdirSync(path.dirname(path.join(dir, binding)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, binding), path.join(dir, binding));
  }
  run(dir, 'npm', ['run', 'build', '--silent']);
  run(dir, 'npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error']);
  return dir;
}
