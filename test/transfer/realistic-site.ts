import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createDb } from '../../src/db/connect.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { capacityRows } from './realistic-capacity.ts';

/**
 * A realistic site written with plain Kysely inserts (independent of the demo loader):
 * four restaurants (one Korean, emoji in notes), hours incl. past-midnight closing,
 * closures, tables, `bookings` bookings over ~19 months with `table_occupancy` cells for
 * the live future ones, staff, memberships, sessions, idempotency records, rate limits
 * and an email outbox, with NULL in every nullable column somewhere. Deterministic
 * contents (seeded), except the UUIDv7 ids.
 */
export const SITE_NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;
const CELL = 300_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

const RESTAURANTS = [
  { slug: 'hanok-seoul', name: '한옥 식당 Hanok', timezone: 'Asia/Seoul' },
  { slug: 'bistro-lumiere', name: 'Bistro Lumière', timezone: 'Europe/Paris' },
  { slug: 'harbour-grill', name: 'Harbour Grill', timezone: 'America/New_York' },
  { slug: 'trattoria-nonna', name: 'Trattoria da Nonna', timezone: 'Europe/Rome' },
];
const NOTES = [
  null,
  null,
  null,
  '생일 축하합니다 🎂',
  'Window seat please 🪟',
  'Allergie: Nüsse, Sellerie',
  'O\'Brien — "quoted" \\ back\\slash',
  'two\nlines',
  '🙂👨‍👩‍👧‍👦 family',
  '   leading and trailing   ',
];
const NAMES = ['김민준', 'Ana Müller', 'José Núñez', 'Chloé Dubois', 'Li Wei 李伟', 'Olivia Smith', 'Zoë ✨'];

async function insertAll<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: DB[T][] | any[],
  chunk = 500,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += chunk)
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + chunk) as any)
        .execute();
  });
}

function restaurantRows() {
  return RESTAURANTS.map((r, i) => ({
    id: uuidv7(),
    ...r,
    slot_interval_minutes: 15,
    booking_window_days: 60,
    min_notice_minutes: 60 * i,
    cancel_cutoff_minutes: 120,
    max_party_size: 8,
    max_covers_per_slot: i % 2 ? null : 20 + i,
    hold_minutes: i === 3 ? 0 : 5,
    durations: JSON.stringify([
      { maxParty: 2, minutes: 90 },
      { maxParty: 4, minutes: 120 },
      { maxParty: 8, minutes: 150 },
    ]),
    created_at: SITE_NOW - 600 * 24 * HOUR + i,
    updated_at: SITE_NOW - i * 1000,
  }));
}

function venueRows(restaurants: { id: string }[], rnd: () => number) {
  const hours = [],
    closures = [],
    tables = [];
  for (const [i, r] of restaurants.entries()) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      hours.push({ restaurant_id: r.id, id: uuidv7(), weekday, opens: '12:00', closes: '14:30' });
      hours.push({
        restaurant_id: r.id,
        id: uuidv7(),
        weekday,
        opens: '18:00',
        closes: weekday >= 5 ? '01:00' : '23:00',
      });
    }
    for (let d = 0; d < 6; d++) {
      closures.push({
        restaurant_id: r.id,
        date: `2026-12-${String(20 + d).padStart(2, '0')}`,
        note: d % 2 ? null : `Holiday ${d} 🎄 휴무`,
        created_at: SITE_NOW - d,
      });
    }
    for (let t = 0; t < 15; t++) {
      const seats = 2 + (t % 4) * 2;
      tables.push({
        restaurant_id: r.id,
        id: uuidv7(),
        label: `${i === 0 ? '테이블' : 'T'}${t + 1}`,
        min_seats: Math.max(1, seats - 2),
        max_seats: seats,
        active: rnd() < 0.9 ? 1 : 0,
        area: t % 3 === 0 ? null : t % 3 === 1 ? 'Terrace 테라스' : 'Inside',
        bookable_online: t % 5 === 4 ? 0 : 1,
        created_at: SITE_NOW - 500 * 24 * HOUR,
        updated_at: SITE_NOW - t,
      });
    }
  }
  return { hours, closures, tables };
}

function staffRows(restaurants: { id: string }[]) {
  const users = Array.from({ length: 30 }, (_, i) => ({
    id: uuidv7(),
    email: `staff${i}@example.com`,
    name: i === 0 ? '관리자 Admin' : `Staff ${i}`,
    password_hash: `$scrypt$N=16384,r=8,p=1$${sha(`salt${i}`).slice(0, 22)}$${sha(`pw${i}`)}`,
    is_admin: i === 0 ? 1 : 0,
    created_at: SITE_NOW - i * HOUR,
    disabled: i === 29 ? 1 : 0,
  }));
  const memberships = users.slice(1).map((u, i) => ({
    restaurant_id: restaurants[i % restaurants.length].id,
    user_id: u.id,
    role: i % 3 ? 'host' : 'manager',
    created_at: SITE_NOW - i,
  }));
  const sessions = users.slice(0, 20).map((u, i) => ({
    id: sha(`session${i}`),
    user_id: u.id,
    csrf_token: sha(`csrf${i}`),
    created_at: SITE_NOW - 2 * HOUR,
    last_seen_at: SITE_NOW - i * 1000,
    expires_at: SITE_NOW + 12 * HOUR,
  }));
  return { users, memberships, sessions };
}

interface Table {
  restaurant_id: string;
  id: string;
  max_seats: number;
}

/** Bookings laid out per table on a timeline (3 a day, never overlapping), ~8% in the future. */
function bookingRows(tables: Table[], count: number, rnd: () => number) {
  const bookings = [],
    occupancy = [];
  const perTable = Math.ceil(count / tables.length);
  const firstDay = SITE_NOW - Math.round((perTable / 3) * 0.92) * 24 * HOUR;
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'no_show'];
  for (let n = 0; n < count; n++) {
    const table = tables[n % tables.length];
    const k = Math.floor(n / tables.length);
    const startsAt =
      firstDay -
      (firstDay % (24 * HOUR)) +
      Math.floor(k / 3) * 24 * HOUR +
      (11 + (k % 3) * 4) * HOUR +
      (n % 4) * 15 * 60_000;
    const minutes = [90, 120, 150][n % 3];
    const future = startsAt > SITE_NOW;
    const status = future ? (rnd() < 0.95 ? 'confirmed' : 'cancelled') : statuses[n % statuses.length];
    const id = uuidv7();
    const day = new Date(startsAt).toISOString();
    bookings.push({
      restaurant_id: table.restaurant_id,
      id,
      reference: n
        .toString(32)
        .toUpperCase()
        .padStart(8, '0')
        .split('')
        .map((c) => CROCKFORD[parseInt(c, 32)])
        .join(''),
      table_id: table.id,
      combination_id: null,
      party: 1 + (n % table.max_seats),
      starts_at: startsAt,
      ends_at: startsAt + minutes * 60_000,
      service_date: day.slice(0, 10),
      local_time: day.slice(11, 16),
      name: NAMES[n % NAMES.length],
      email: n % 5 === 0 ? null : `guest${n}@example.org`,
      phone: n % 3 === 0 ? null : `+82 10-${String(n).padStart(8, '0')}`,
      notes: NOTES[n % NOTES.length],
      status,
      source: n % 4 === 0 ? 'staff' : 'online',
      manage_token_hash: sha(`token${n}`),
      created_at: startsAt - 3 * 24 * HOUR,
      updated_at: startsAt - HOUR,
    });
    if (future && status === 'confirmed') {
      for (let cell = Math.floor(startsAt / CELL); cell * CELL < startsAt + minutes * 60_000; cell++) {
        occupancy.push({
          restaurant_id: table.restaurant_id,
          table_id: table.id,
          cell,
          booking_id: id,
          hold_id: null,
          expires_at: null,
        });
      }
    }
  }
  return { bookings, occupancy };
}

function plumbingRows(restaurants: { id: string }[], bookings: { restaurant_id: string; id: string }[]) {
  const idem = Array.from({ length: 200 }, (_, i) => ({
    restaurant_id: restaurants[i % restaurants.length].id,
    scope: i % 2 ? 'POST /api/bookings' : 'POST /api/staff/bookings',
    key_hash: sha(`key${i}`),
    request_hash: sha(`req${i}`),
    status_code: i % 10 ? 201 : 409,
    response_body: i % 4 ? Buffer.from(`{"ref":"${i}","name":"김"}`).toString('base64') : null,
    created_at: SITE_NOW - i * 1000,
    expires_at: SITE_NOW + 24 * HOUR,
  }));
  const limits = Array.from({ length: 100 }, (_, i) => ({
    bucket: i % 2 ? `booking:203.0.113.${i}` : `login:staff${i}@example.com`,
    window_start: SITE_NOW - (SITE_NOW % 60_000) - (i % 3) * 60_000,
    hits: 1 + i,
    expires_at: SITE_NOW + 60_000,
  }));
  const outbox = bookings.slice(-1000).map((b, i) => ({
    restaurant_id: b.restaurant_id,
    id: uuidv7(),
    booking_id: i % 7 === 0 ? null : b.id,
    kind: ['confirmation', 'change', 'cancellation'][i % 3],
    to_address: `guest${i}@example.org`,
    subject: i % 2 ? '예약 확인 — Booking confirmed 🍽️' : 'Your booking',
    body_text: `Hello,\nyour table is booked.\n— ${NAMES[i % NAMES.length]}`,
    ics: i % 3 ? null : 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    status: ['pending', 'sent', 'failed'][i % 3],
    attempts: i % 5,
    next_attempt_at: SITE_NOW + i,
    claimed_by: i % 4 ? null : `worker-${i}`,
    claimed_until: i % 4 ? null : SITE_NOW + 30_000,
    last_error: i % 6 ? null : 'SMTP 451 4.7.1 try again later',
    created_at: SITE_NOW - i,
    sent_at: i % 3 === 1 ? SITE_NOW - i : null,
  }));
  return { idem, limits, outbox };
}

/** Creates, migrates and fills the database at `url`. Returns the number of rows written. */
export async function buildRealisticSite(url: string, bookingCount: number, seed = 7): Promise<number> {
  await createDatabase(url);
  const database = createDb(url, { poolMax: 2 });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const rnd = prng(seed);
    const restaurants = restaurantRows();
    const venue = venueRows(restaurants, rnd);
    const staff = staffRows(restaurants);
    const { bookings, occupancy } = bookingRows(venue.tables, bookingCount, rnd);
    const plumbing = plumbingRows(restaurants, bookings);
    const capacity = capacityRows(restaurants, venue.tables, SITE_NOW);
    const plan: [keyof DB, unknown[]][] = [
      ['restaurants', restaurants],
      ['staff_users', staff.users],
      ['opening_hours', venue.hours],
      ['closures', venue.closures],
      ['dining_tables', venue.tables],
      ['table_combinations', capacity.combinations],
      ['combination_tables', capacity.members],
      ['memberships', staff.memberships],
      ['bookings', bookings],
      ['holds', capacity.holds],
      ['table_occupancy', [...occupancy, ...capacity.cells]],
      ['slot_pacing', capacity.pacing],
      ['sessions', staff.sessions],
      ['idempotency_records', plumbing.idem],
      ['rate_limits', plumbing.limits],
      ['email_outbox', plumbing.outbox],
    ];
    for (const [table, rows] of plan) await insertAll(db, table, rows);
    return plan.reduce((n, [, rows]) => n + rows.length, 0);
  } finally {
    await database.close();
  }
}

// `tsx test/transfer/realistic-site.ts sqlite:./data/site.db 100000`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url, count] = process.argv.slice(2);
  const rows = await buildRealisticSite(url, Number(count ?? 100_000));
  console.log(`wrote ${rows} rows to ${url}`);
}
