import type { NewRestaurant } from '../staff/restaurant-admin.ts';
import { DEMO_PASSWORD } from '../staff/demo-credentials.ts';

/** A small realistic data set: three restaurants in three zones, lunch and dinner, tables of 2–8. */

const everyDay = (periods: [string, string][], days = [1, 2, 3, 4, 5, 6, 7]) =>
  days.flatMap((weekday) => periods.map(([opens, closes]) => ({ weekday, opens, closes })));

/** [label, minSeats, maxSeats, area?, bookableOnline?] */
type TableSpec = [string, number, number, string?, boolean?];
const tables = (spec: TableSpec[]) =>
  spec.map(([label, minSeats, maxSeats, area, bookableOnline]) => ({
    label,
    minSeats,
    maxSeats,
    area: area ?? null,
    bookableOnline,
  }));

/** Capacity (issue 13): large parties sit on pushed-together tables; kitchens pace covers per slot. */
const capacity = { maxPartySize: 12, maxCoversPerSlot: 16 };

export const DEMO_RESTAURANTS: NewRestaurant[] = [
  {
    slug: 'hangang-table',
    name: '한강 Table · Seoul',
    timezone: 'Asia/Seoul',
    locale: 'ko',
    ...capacity,
    hours: [
      ...everyDay([['11:30', '15:00']], [2, 3, 4, 5, 6, 7]),
      ...everyDay([['17:30', '23:00']], [2, 3, 4, 5, 6, 7]),
    ],
    tables: tables([
      ['T1', 1, 2, 'Hall'],
      ['T2', 1, 2, 'Hall'],
      ['T3', 2, 4, 'Hall'],
      ['T4', 2, 4, 'Hall'],
      ['T5', 4, 6, 'River view'],
      ['T6', 6, 8, 'River view'],
    ]),
  },
  {
    slug: 'the-crown-kitchen',
    name: 'The Crown Kitchen · London',
    timezone: 'Europe/London',
    ...capacity,
    hours: [
      ...everyDay([['12:00', '14:30']]),
      ...everyDay([['18:00', '22:30']], [1, 2, 3, 4, 5]),
      ...everyDay([['18:00', '01:00']], [6, 7]),
    ],
    tables: tables([
      ['T1', 1, 2, 'Dining room'],
      ['T2', 1, 2, 'Dining room'],
      ['T3', 1, 2, 'Dining room'],
      ['T4', 2, 4, 'Dining room'],
      ['T5', 2, 4, 'Garden'],
      ['T6', 4, 6, 'Garden'],
      ['T7', 6, 8, 'Dining room', false],
    ]),
  },
  {
    slug: 'hudson-oyster-bar',
    name: 'Hudson Oyster Bar · New York',
    timezone: 'America/New_York',
    minNoticeMinutes: 30,
    ...capacity,
    hours: [...everyDay([['11:30', '15:00']], [1, 2, 3, 4, 5]), ...everyDay([['17:00', '23:00']])],
    tables: tables([
      ['B1', 1, 2],
      ['B2', 1, 2],
      ['T3', 2, 4],
      ['T4', 2, 4],
      ['T5', 4, 6],
      ['T8', 6, 8],
    ]),
  },
];

/** Combinations by restaurant: [member labels, minSeats, maxSeats]. */
export const DEMO_COMBINATIONS: Record<string, [string[], number, number][]> = {
  'hangang-table': [
    [['T3', 'T4'], 5, 8],
    [['T5', 'T6'], 9, 12],
  ],
  'the-crown-kitchen': [
    [['T1', 'T2'], 3, 4],
    [['T4', 'T5'], 5, 8],
    [['T4', 'T5', 'T6'], 9, 12],
  ],
  'hudson-oyster-bar': [
    [['B1', 'B2'], 3, 4],
    [['T3', 'T4'], 5, 8],
    [['T5', 'T8'], 9, 12],
  ],
};

export const DEMO_ADMIN = { email: 'admin@example.com', password: DEMO_PASSWORD, name: 'Demo Admin' };
export const DEMO_STAFF = [
  { email: 'manager@example.com', name: 'Mina Manager', restaurant: 'the-crown-kitchen', role: 'manager' as const },
  { email: 'host@example.com', name: 'Hugo Host', restaurant: 'the-crown-kitchen', role: 'host' as const },
];
