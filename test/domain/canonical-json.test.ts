import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../../src/domain/canonical-json.ts';

/** The recursive version this replaced: kept here to prove the output did not change. */
function recursive(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursive(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, keeps array order, same text as before', () => {
    const samples: unknown[] = [
      { b: 1, a: [3, { d: null, c: 'x' }], u: undefined },
      [undefined, 1, 'two', { z: [], y: {} }],
      'plain',
      42,
      null,
      true,
      {},
      [],
      {
        date: '2026-06-03',
        time: '19:00',
        party: 2,
        name: '한국어 🍜',
        email: 'a@b.co',
        notes: 'line\nbreak "quoted"',
      },
    ];
    for (const sample of samples) assert.equal(canonicalJson(sample), recursive(sample));
    assert.equal(canonicalJson({ b: 1, a: 2 }), canonicalJson({ a: 2, b: 1 }));
  });

  it('a body nested 200 000 levels deep does not overflow the stack', () => {
    const deep = JSON.parse(`${'{"x":['.repeat(100_000)}1${']}'.repeat(100_000)}`);
    const text = canonicalJson(deep);
    assert.equal(text, `${'{"x":['.repeat(100_000)}1${']}'.repeat(100_000)}`);
  });
});
