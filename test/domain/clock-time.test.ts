import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  formatHHMM,
  isIsoDate,
  isValidZone,
  isoWeekday,
  localDateOf,
  localTimeOf,
  localToInstant,
  parseHHMM,
  toIsoUtc,
} from '../../src/domain/clock-time.ts';
import { at } from './fixtures.ts';

test('parseHHMM is strict', () => {
  const cases: [string, number | null][] = [
    ['00:00', 0],
    ['23:59', 1439],
    ['18:30', 1110],
    ['09:05', 545],
    ['24:00', null],
    ['9:05', null],
    ['12:60', null],
    ['12:5', null],
    [' 12:00', null],
    ['12:00:00', null],
    ['', null],
    ['ab:cd', null],
  ];
  for (const [s, want] of cases) assert.equal(parseHHMM(s), want, s);
});

test('formatHHMM pads and wraps', () => {
  assert.equal(formatHHMM(0), '00:00');
  assert.equal(formatHHMM(545), '09:05');
  assert.equal(formatHHMM(1439), '23:59');
  assert.equal(formatHHMM(1500), '01:00');
});

test('isIsoDate accepts only real calendar dates', () => {
  const cases: [string, boolean][] = [
    ['2026-05-01', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-5-1', false],
    ['20260501', false],
    ['2026-05-01T00:00', false],
    ['', false],
  ];
  for (const [s, want] of cases) assert.equal(isIsoDate(s), want, s);
});

test('addDays and isoWeekday', () => {
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-03-08', 60), '2026-05-07');
  assert.equal(isoWeekday('2026-03-08'), 7);
  assert.equal(isoWeekday('2026-05-04'), 1);
  assert.equal(isoWeekday('2026-05-01'), 5);
});

test('local date and time of an instant', () => {
  const cases: [string, string, string, string][] = [
    ['2026-05-01T15:30:00Z', 'Asia/Seoul', '2026-05-02', '00:30'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08', '01:59'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01', '01:30'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01', '01:30'],
    ['2026-10-24T23:30:00Z', 'Europe/London', '2026-10-25', '00:30'],
  ];
  for (const [iso, zone, date, time] of cases) {
    assert.equal(localDateOf(at(iso), zone), date, `${iso} ${zone}`);
    assert.equal(localTimeOf(at(iso), zone), time, `${iso} ${zone}`);
  }
});

test('localToInstant: gaps are null, repeats give the first occurrence', () => {
  const cases: [string, number, string, string | null][] = [
    ['2026-03-08', 150, 'America/New_York', null],
    ['2026-03-08', 180, 'America/New_York', '2026-03-08T07:00:00Z'],
    ['2026-11-01', 90, 'America/New_York', '2026-11-01T05:30:00Z'],
    ['2026-03-29', 60, 'Europe/London', null],
    ['2026-03-29', 120, 'Europe/London', '2026-03-29T01:00:00Z'],
    ['2026-10-25', 90, 'Europe/London', '2026-10-25T00:30:00Z'],
    ['2026-05-01', 1440 + 30, 'Asia/Seoul', '2026-05-01T15:30:00Z'],
  ];
  for (const [date, minutes, zone, want] of cases) {
    const got = localToInstant(date, minutes, zone);
    assert.equal(got === null ? null : toIsoUtc(got), want, `${date} ${minutes} ${zone}`);
  }
});

test('toIsoUtc has seconds precision and Z', () => {
  assert.equal(toIsoUtc(at('2026-05-01T18:00:00.999Z')), '2026-05-01T18:00:00Z');
  assert.equal(toIsoUtc(0), '1970-01-01T00:00:00Z');
});

test('isValidZone', () => {
  for (const z of ['Asia/Seoul', 'Europe/London', 'America/New_York', 'UTC']) assert.ok(isValidZone(z), z);
  for (const z of ['Mars/Olympus', '', 'Europe/Londn']) assert.ok(!isValidZone(z), z);
});
