import type { NewRestaurant } from '../staff/restaurant-admin.ts';
import { DEMO_PASSWORD } from '../staff/demo-credentials.ts';

/** A small realistic data set: three restaurants in three zones, lunch and dinner, tables of 2–8. */

const everyDay = (periods: [string, string][], days = [1, 2, 3, 4, 5, 6, 7]) =>
  days.flatMap((weekday) => periods.map(([opens, closes]) => ({ weekday, opens, closes })));

const tables = (spec: [string, number, number][]) => spec.map(([label, minSeats, maxSeats]) => ({ label, minSeats, maxSeats }));

export const DEMO_RESTAURANTS: NewRestaurant[] = [
  {
    slug: 'hangang-table',
    name: '한강 Table · Seoul',
    timezone: 'Asia/Seoul',
    locale: 'ko',
    hours: [...everyDay([['11:30', '15:00']], [2, 3, 4, 5, 6, 7]), ...everyDay([['17:30', '23:00']], [2, 3, 4, 5, 6, 7])],
    tables: tables([['T1', 1, 2], ['T2', 1, 2], ['T3', 2, 4], ['T4', 2, 4], ['T5', 4, 6], ['T6', 6, 8]]),
  },
  {
    slug: 'the-crown-kitchen',
    name: 'The Crown Kitchen · London',
    timezone: 'Europe/London',
    hours: [...everyDay([['12:00', '14:30']]), ...everyDay([['18:00', '22:30']], [1, 2, 3, 4, 5]), ...everyDay([['18:00', '01:00']], [6, 7])],
    tables: tables([['T1', 1, 2], ['T2', 1, 2], ['T3', 1, 2], ['T4', 2, 4], ['T5', 2, 4], ['T6', 4, 6], ['T7', 6, 8]]),
  },
  {
    slug: 'hudson-oyster-bar',
    name: 'Hudson Oyster Bar · New York',
    timezone: 'America/New_York',
    minNoticeMinutes: 30,
    hours: [...everyDay([['11:30', '15:00']], [1, 2, 3, 4, 5]), ...everyDay([['17:00', '23:00']])],
    tables: tables([['B1', 1, 2], ['B2', 1, 2], ['T3', 2, 4], ['T4', 2, 4], ['T5', 4, 6], ['T8', 6, 8]]),
  },
];

export const DEMO_ADMIN = { email: 'admin@example.com', password: DEMO_PASSWORD, name: 'Demo Admin' };
export const DEMO_STAFF = [
  { email: 'manager@example.com', name: 'Mina Manager', restaurant: 'the-crown-kitchen', role: 'manager' as const },
  { email: 'host@example.com', name: 'Hugo Host', restaurant: 'the-crown-kitchen', role: 'host' as const },
];
