import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SETTINGS,
  validateRestaurantSettings,
  type RestaurantSettingsInput,
} from '../../src/domain/restaurant-rules.ts';

const GOOD: RestaurantSettingsInput = {
  slug: 'chez-kim-2',
  name: 'Chez Kim',
  timezone: 'Asia/Seoul',
  ...DEFAULT_SETTINGS,
  hours: [
    { weekday: 1, opens: '12:00', closes: '15:00' },
    { weekday: 5, opens: '18:00', closes: '01:00' },
  ],
};

test('a full good config and partial input are fine', () => {
  assert.deepEqual(validateRestaurantSettings(GOOD), []);
  assert.deepEqual(validateRestaurantSettings({}), []);
  assert.deepEqual(validateRestaurantSettings({ name: 'New name' }), []);
  assert.deepEqual(validateRestaurantSettings({ hours: [] }), []);
});

test('each bad field is reported under its name', () => {
  const cases: [string, RestaurantSettingsInput, string[]][] = [
    ['slug too short', { slug: 'a' }, ['slug']],
    ['slug uppercase', { slug: 'Chez' }, ['slug']],
    ['slug too long', { slug: 'a'.repeat(65) }, ['slug']],
    ['name empty', { name: '' }, ['name']],
    ['name too long', { name: 'x'.repeat(101) }, ['name']],
    ['zone', { timezone: 'Mars/Base' }, ['timezone']],
    ['interval not multiple of 5', { slotIntervalMinutes: 7 }, ['slotIntervalMinutes']],
    ['interval too big', { slotIntervalMinutes: 245 }, ['slotIntervalMinutes']],
    ['interval zero', { slotIntervalMinutes: 0 }, ['slotIntervalMinutes']],
    ['window negative', { bookingWindowDays: -1 }, ['bookingWindowDays']],
    ['window too long', { bookingWindowDays: 731 }, ['bookingWindowDays']],
    ['notice fraction', { minNoticeMinutes: 1.5 }, ['minNoticeMinutes']],
    ['cutoff too big', { cancelCutoffMinutes: 10081 }, ['cancelCutoffMinutes']],
    ['party 0', { maxPartySize: 0 }, ['maxPartySize']],
    ['party as string', { maxPartySize: '8' }, ['maxPartySize']],
    ['durations empty', { durations: [] }, ['durations']],
    ['duration minutes', { durations: [{ maxParty: 2, minutes: 92 }] }, ['durations[0].minutes']],
    ['duration too short', { durations: [{ maxParty: 2, minutes: 10 }] }, ['durations[0].minutes']],
    ['duration maxParty 0', { durations: [{ maxParty: 0, minutes: 90 }] }, ['durations[0].maxParty']],
    [
      'durations not ascending',
      {
        durations: [
          { maxParty: 4, minutes: 90 },
          { maxParty: 2, minutes: 90 },
        ],
      },
      ['durations[1].maxParty'],
    ],
    [
      'durations repeated',
      {
        durations: [
          { maxParty: 4, minutes: 90 },
          { maxParty: 4, minutes: 120 },
        ],
      },
      ['durations[1].maxParty'],
    ],
    ['hours weekday 0', { hours: [{ weekday: 0, opens: '12:00', closes: '15:00' }] }, ['hours[0].weekday']],
    ['hours bad clock', { hours: [{ weekday: 1, opens: '24:00', closes: '15:00' }] }, ['hours[0].opens']],
    ['hours off 5 minutes', { hours: [{ weekday: 1, opens: '12:00', closes: '15:07' }] }, ['hours[0].closes']],
    ['hours opens = closes', { hours: [{ weekday: 1, opens: '12:00', closes: '12:00' }] }, ['hours[0].closes']],
    ['hours not a list', { hours: 'mon' }, ['hours']],
    ['two bad fields', { slug: '!', maxPartySize: 101 }, ['slug', 'maxPartySize']],
  ];
  for (const [name, input, fields] of cases) {
    const errors = validateRestaurantSettings(input);
    assert.deepEqual(
      errors.map((e) => e.field),
      fields,
      name,
    );
    for (const e of errors) assert.ok(e.message.length > 0, name);
  }
});

test('DEFAULT_SETTINGS', () => {
  assert.deepEqual(DEFAULT_SETTINGS, {
    slotIntervalMinutes: 15,
    bookingWindowDays: 60,
    minNoticeMinutes: 60,
    cancelCutoffMinutes: 120,
    maxPartySize: 8,
    durations: [
      { maxParty: 2, minutes: 90 },
      { maxParty: 4, minutes: 120 },
      { maxParty: 8, minutes: 150 },
    ],
    reminderHours: 24,
    maxCoversPerSlot: null,
    holdMinutes: 5,
  });
});

test('pacing and hold settings', () => {
  const fields = (input: RestaurantSettingsInput) => validateRestaurantSettings(input).map((e) => e.field);
  assert.deepEqual(fields({ maxCoversPerSlot: null, holdMinutes: 0 }), []);
  assert.deepEqual(fields({ maxCoversPerSlot: 1, holdMinutes: 60 }), []);
  assert.deepEqual(fields({ maxCoversPerSlot: 0, holdMinutes: -1 }), ['maxCoversPerSlot', 'holdMinutes']);
  assert.deepEqual(fields({ maxCoversPerSlot: 2.5, holdMinutes: 61 }), ['maxCoversPerSlot', 'holdMinutes']);
});
