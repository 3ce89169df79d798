import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tablebookings ARGS` as a real process (through bin/tablebookings.js), optionally feeding a file to stdin. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdinFile?: string } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tablebookings.js'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.stdinFile) fs.createReadStream(options.stdinFile).pipe(child.stdin);
  else child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines of stderr that are not npm/node noise. */
export function errorLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
}
