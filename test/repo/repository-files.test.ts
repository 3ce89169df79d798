import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Every source file of the config layer (src/config.ts today, maybe a src/config/ folder later). */
function configSources(): string[] {
  const files = ['src/config.ts'].filter((f) => fs.existsSync(path.join(ROOT, f)));
  const folder = path.join(ROOT, 'src/config');
  if (fs.existsSync(folder)) {
    for (const entry of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.ts')) files.push(path.join('src/config', entry));
    }
  }
  return files;
}

/** Variable names the config reads: env.NAME, env['NAME'], and helpers called as (env, 'NAME', …). */
function variablesRead(source: string): Set<string> {
  const names = new Set<string>();
  for (const pattern of [
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
    /\(env, '([A-Z][A-Z0-9_]+)'/g,
  ]) {
    for (const match of source.matchAll(pattern)) names.add(match[1]);
  }
  return names;
}

describe('repository files', () => {
  it('LICENSE is the MIT licence package.json names', () => {
    assert.equal(JSON.parse(read('package.json')).license, 'MIT');
    assert.match(read('LICENSE'), /^MIT License/);
  });

  it('.env.example lists every variable the config reads, and those of SPEC §9.4', () => {
    const example = read('.env.example');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read_ = new Set(configSources().flatMap((file) => [...variablesRead(read(file))]));
    assert.ok(read_.has('DATABASE_URL'), 'the scan found the config');
    for (const name of [...read_, 'METRICS_TOKEN', 'DATABASE_READ_URL', 'DATABASE_READ_MAX_LAG_S']) {
      assert.ok(listed.has(name), `${name} is read by the config but missing from .env.example`);
    }
  });

  it('CHANGELOG has an Unreleased section and one per release', () => {
    const changelog = read('CHANGELOG.md');
    for (const heading of ['## [Unreleased]', '## [0.2.0]', '## [0.1.0]'])
      assert.ok(changelog.includes(heading), heading);
  });

  it('CONTRIBUTING explains the layer rules and how to run the tests', () => {
    const contributing = read('CONTRIBUTING.md');
    assert.match(contributing, /npm test/);
    assert.match(contributing, /domain/);
  });
});
