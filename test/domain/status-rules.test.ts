import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import {
  assertTransition,
  canTransition,
  guestMayChange,
  guestMayEditNotes,
  type TransitionContext,
} from '../../src/domain/status-rules.ts';
import type { BookingStatus } from '../../src/domain/types.ts';
import { at } from './fixtures.ts';

const STATUSES: BookingStatus[] = ['confirmed', 'seated', 'completed', 'cancelled', 'no_show'];
const ALLOWED = new Set(['confirmed>seated', 'confirmed>no_show', 'confirmed>cancelled', 'seated>completed']);

const ZONE = 'Asia/Seoul';
const START = at('2026-05-01T19:00:00+09:00');
const END = at('2026-05-01T20:30:00+09:00');
const ctx = (now: number, over: Partial<TransitionContext> = {}): TransitionContext => ({
  now,
  serviceDate: '2026-05-01',
  startsAt: START,
  endsAt: END,
  zone: ZONE,
  ...over,
});

test('status transition matrix (after the start, on the day)', () => {
  const c = ctx(at('2026-05-01T19:30:00+09:00'));
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const key = `${from}>${to}`;
      if (ALLOWED.has(key)) {
        assert.doesNotThrow(() => assertTransition(from, to, c), key);
      } else {
        assert.throws(
          () => assertTransition(from, to, c),
          (e) => e instanceof DomainError && e.code === 'conflict',
          key,
        );
      }
      assert.equal(canTransition(from, to, c), ALLOWED.has(key), key);
    }
  }
});

test('time-dependent transitions', () => {
  const cases: [string, BookingStatus, TransitionContext, boolean][] = [
    ['seat in the morning of the day', 'seated', ctx(at('2026-05-01T09:00:00+09:00')), true],
    ['seat the day before', 'seated', ctx(at('2026-04-30T18:00:00+09:00')), false],
    ['seat the next day far after', 'seated', ctx(at('2026-05-02T12:00:00+09:00')), false],
    ['seat just after midnight, within 6h of the end', 'seated', ctx(at('2026-05-02T00:30:00+09:00')), true],
    [
      'seat an after-midnight start on the next calendar day',
      'seated',
      ctx(at('2026-05-02T00:20:00+09:00'), {
        startsAt: at('2026-05-02T00:30:00+09:00'),
        endsAt: at('2026-05-02T02:00:00+09:00'),
      }),
      true,
    ],
    ['no-show before the start', 'no_show', ctx(START - 60_000), false],
    ['no-show at the start', 'no_show', ctx(START), true],
    ['cancel before the start', 'cancelled', ctx(START - 86_400_000), true],
    ['cancel after the start', 'cancelled', ctx(START + 86_400_000), true],
  ];
  for (const [name, to, c, ok] of cases) assert.equal(canTransition('confirmed', to, c), ok, name);
});

test('New York: seating follows the restaurant-local date', () => {
  const c: TransitionContext = {
    now: at('2026-05-02T01:00:00Z'), // 21:00 on 1 May in New York
    serviceDate: '2026-05-01',
    startsAt: at('2026-05-01T23:00:00-04:00'),
    zone: 'America/New_York',
  };
  assert.ok(canTransition('confirmed', 'seated', c));
});

test('guest cut-off and notes', () => {
  const rules = { cancelCutoffMinutes: 120 };
  assert.equal(guestMayChange(rules, START, START - 121 * 60_000), true);
  assert.equal(guestMayChange(rules, START, START - 120 * 60_000), true);
  assert.equal(guestMayChange(rules, START, START - 119 * 60_000), false);
  assert.equal(guestMayChange({ cancelCutoffMinutes: 0 }, START, START), true);
  assert.equal(guestMayEditNotes(START, START - 1), true);
  assert.equal(guestMayEditNotes(START, START), false);
});
