import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slotGridForMinutes, periodSpan } from '../../src/domain/slot-grid.ts';
import { addDays, formatHHMM, localToInstant, localToInstantLenient } from '../../src/domain/clock-time.ts';
import type { ServicePeriod } from '../../src/domain/types.ts';

/** The obvious definition: every start resolved through the time-zone database. */
function reference(date: string, zone: string, periods: ServicePeriod[], interval: number, minutes: number) {
  const out: { time: string; startsAt: number }[] = [];
  for (const p of periods) {
    const span = periodSpan(p)!;
    const endMs = localToInstantLenient(date, span.closes, zone);
    for (let m = span.opens; m < span.closes; m += interval) {
      const startsAt = localToInstant(date, m, zone);
      if (startsAt !== null && startsAt + minutes * 60_000 <= endMs) out.push({ time: formatHHMM(m), startsAt });
    }
  }
  out.sort((a, b) => a.startsAt - b.startsAt);
  return out.filter((s, i) => i === 0 || s.startsAt !== out[i - 1].startsAt);
}

const ZONES = [
  'Asia/Seoul',
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
];
const SHAPES: [string, string][] = [
  ['00:00', '04:00'],
  ['18:00', '02:00'],
  ['11:30', '15:00'],
  ['01:00', '03:30'],
];

describe('slot grid fast path equals per-slot time-zone resolution', () => {
  for (const zone of ZONES) {
    it(`every day of 2026 in ${zone}`, () => {
      for (let d = 0; d < 365; d++) {
        const date = addDays('2026-01-01', d);
        const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        const periods = SHAPES.map(([opens, closes]) => ({ weekday, opens, closes }));
        for (const p of periods) {
          const rules = { hours: [p], timezone: zone, slotIntervalMinutes: 15 };
          const got = slotGridForMinutes(rules, date, 90).map((s) => ({ time: s.time, startsAt: s.startsAt }));
          assert.deepEqual(got, reference(date, zone, [p], 15, 90), `${zone} ${date} ${p.opens}-${p.closes}`);
        }
      }
    });
  }
});
