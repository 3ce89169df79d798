import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDateOf, localTimeOf, toIsoUtc } from '../../src/domain/clock-time.ts';
import { diningMinutes } from '../../src/domain/durations.ts';
import { slotGrid } from '../../src/domain/slot-grid.ts';
import type { Slot } from '../../src/domain/types.ts';
import { everyDay, rules } from './fixtures.ts';

const times = (slots: Slot[]) => slots.map((s) => s.time);
const utc = (slots: Slot[]) => slots.map((s) => toIsoUtc(s.startsAt));

interface DstCase {
  name: string;
  zone: string;
  date: string;
  times: string[];
  firstUtc: string;
  lastUtc: string;
}

// Period 00:00–04:00, every 30 minutes, 60 minutes dining.
const DST_CASES: DstCase[] = [
  {
    name: 'Seoul has no DST',
    zone: 'Asia/Seoul',
    date: '2026-03-08',
    times: ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00'],
    firstUtc: '2026-03-07T15:00:00Z',
    lastUtc: '2026-03-07T18:00:00Z',
  },
  {
    name: 'New York spring forward skips 02:xx',
    zone: 'America/New_York',
    date: '2026-03-08',
    times: ['00:00', '00:30', '01:00', '01:30', '03:00'],
    firstUtc: '2026-03-08T05:00:00Z',
    lastUtc: '2026-03-08T07:00:00Z',
  },
  {
    name: 'New York fall back offers 01:xx once',
    zone: 'America/New_York',
    date: '2026-11-01',
    times: ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00'],
    firstUtc: '2026-11-01T04:00:00Z',
    lastUtc: '2026-11-01T08:00:00Z',
  },
  {
    name: 'London spring forward skips 01:xx',
    zone: 'Europe/London',
    date: '2026-03-29',
    times: ['00:00', '00:30', '02:00', '02:30', '03:00'],
    firstUtc: '2026-03-29T00:00:00Z',
    lastUtc: '2026-03-29T02:00:00Z',
  },
  {
    name: 'London fall back offers 01:xx once',
    zone: 'Europe/London',
    date: '2026-10-25',
    times: ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00'],
    firstUtc: '2026-10-24T23:00:00Z',
    lastUtc: '2026-10-25T03:00:00Z',
  },
];

for (const c of DST_CASES) {
  test(`slot grid 00:00–04:00: ${c.name}`, () => {
    const r = rules({
      timezone: c.zone,
      slotIntervalMinutes: 30,
      durations: [{ maxParty: 8, minutes: 60 }],
      hours: everyDay('00:00', '04:00'),
    });
    const slots = slotGrid(r, c.date, 2);
    assert.deepEqual(times(slots), c.times);
    assert.equal(toIsoUtc(slots[0].startsAt), c.firstUtc);
    assert.equal(toIsoUtc(slots[slots.length - 1].startsAt), c.lastUtc);
    for (const s of slots) {
      assert.equal(s.date, c.date);
      assert.equal(s.endsAt - s.startsAt, 60 * 60_000, 'dining time is elapsed time');
      assert.equal(localTimeOf(s.startsAt, c.zone), s.time);
    }
    const sorted = [...slots].sort((a, b) => a.startsAt - b.startsAt);
    assert.deepEqual(slots, sorted);
    assert.equal(new Set(slots.map((s) => s.startsAt)).size, slots.length);
  });
}

test('New York fall back: repeated 01:xx is the first (EDT) occurrence', () => {
  const r = rules({
    timezone: 'America/New_York',
    slotIntervalMinutes: 15,
    durations: [{ maxParty: 8, minutes: 30 }],
    hours: everyDay('01:00', '03:00'),
  });
  const slots = slotGrid(r, '2026-11-01', 2);
  assert.deepEqual(times(slots), ['01:00', '01:15', '01:30', '01:45', '02:00', '02:15', '02:30']);
  assert.equal(toIsoUtc(slots[0].startsAt), '2026-11-01T05:00:00Z');
  assert.equal(toIsoUtc(slots[3].startsAt), '2026-11-01T05:45:00Z');
  assert.equal(toIsoUtc(slots[4].startsAt), '2026-11-01T07:00:00Z');
});

test('spring forward: a 01:30 start with 90 minutes ends at 04:00 local', () => {
  for (const zone of ['America/New_York']) {
    const r = rules({
      timezone: zone,
      slotIntervalMinutes: 30,
      durations: [{ maxParty: 8, minutes: 90 }],
      hours: everyDay('01:00', '04:00'),
    });
    const slots = slotGrid(r, '2026-03-08', 2);
    assert.deepEqual(times(slots), ['01:00', '01:30']);
    const s = slots[1];
    assert.equal(localTimeOf(s.endsAt, zone), '04:00');
    assert.equal(toIsoUtc(s.endsAt), '2026-03-08T08:00:00Z');
  }
});

test('London spring forward: 00:30 with 90 minutes ends at 03:00 local', () => {
  const r = rules({
    timezone: 'Europe/London',
    slotIntervalMinutes: 30,
    durations: [{ maxParty: 8, minutes: 90 }],
    hours: everyDay('00:00', '03:00'),
  });
  const slots = slotGrid(r, '2026-03-29', 2);
  assert.deepEqual(times(slots), ['00:00', '00:30']);
  assert.equal(localTimeOf(slots[1].endsAt, 'Europe/London'), '03:00');
});

test('two services a day: lunch 12:00–15:00 and dinner 18:00–22:00', () => {
  const r = rules();
  const party2 = slotGrid(r, '2026-05-01', 2);
  assert.deepEqual(times(party2), [
    '12:00',
    '12:15',
    '12:30',
    '12:45',
    '13:00',
    '13:15',
    '13:30',
    '18:00',
    '18:15',
    '18:30',
    '18:45',
    '19:00',
    '19:15',
    '19:30',
    '19:45',
    '20:00',
    '20:15',
    '20:30',
  ]);
  assert.equal(toIsoUtc(party2[0].startsAt), '2026-05-01T03:00:00Z');
  const party6 = slotGrid(r, '2026-05-01', 6);
  assert.deepEqual(times(party6), [
    '12:00',
    '12:15',
    '12:30',
    '18:00',
    '18:15',
    '18:30',
    '18:45',
    '19:00',
    '19:15',
    '19:30',
  ]);
});

test('a period 18:00–01:00 offers after-midnight starts on the opening date', () => {
  const r = rules({
    slotIntervalMinutes: 30,
    durations: [{ maxParty: 8, minutes: 60 }],
    hours: [{ weekday: 5, opens: '18:00', closes: '01:00' }],
  });
  const fri = slotGrid(r, '2026-05-01', 2);
  assert.deepEqual(times(fri), [
    '18:00',
    '18:30',
    '19:00',
    '19:30',
    '20:00',
    '20:30',
    '21:00',
    '21:30',
    '22:00',
    '22:30',
    '23:00',
    '23:30',
    '00:00',
  ]);
  const last = fri[fri.length - 1];
  assert.equal(last.date, '2026-05-01');
  assert.equal(localDateOf(last.startsAt, 'Asia/Seoul'), '2026-05-02');
  assert.equal(toIsoUtc(last.startsAt), '2026-05-01T15:00:00Z');
  assert.deepEqual(slotGrid(r, '2026-05-02', 2), [], 'Saturday has no period of its own');
});

test('a period crossing midnight on the fall-back night in New York', () => {
  const r = rules({
    timezone: 'America/New_York',
    slotIntervalMinutes: 30,
    durations: [{ maxParty: 8, minutes: 60 }],
    hours: [{ weekday: 6, opens: '22:00', closes: '02:00' }],
  });
  const slots = slotGrid(r, '2026-10-31', 2);
  assert.deepEqual(times(slots), ['22:00', '22:30', '23:00', '23:30', '00:00', '00:30', '01:00', '01:30']);
  assert.ok(slots.every((s) => s.date === '2026-10-31'));
  assert.deepEqual(utc(slots).slice(-2), ['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z']);
});

test('no hours on the weekday gives no slots', () => {
  const r = rules({ hours: [{ weekday: 1, opens: '12:00', closes: '15:00' }] });
  assert.deepEqual(slotGrid(r, '2026-05-01', 2), []);
  assert.equal(slotGrid(r, '2026-05-04', 2).length, 7);
});

test('diningMinutes picks the first fitting entry, the last one beyond', () => {
  const durations = [
    { maxParty: 4, minutes: 120 },
    { maxParty: 2, minutes: 90 },
    { maxParty: 8, minutes: 150 },
  ];
  const cases: [number, number][] = [
    [1, 90],
    [2, 90],
    [3, 120],
    [4, 120],
    [5, 150],
    [8, 150],
    [12, 150],
  ];
  for (const [party, minutes] of cases) assert.equal(diningMinutes(durations, party), minutes, `party ${party}`);
});
