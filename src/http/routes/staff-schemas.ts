import { Type } from '@sinclair/typebox';
import { LOCALES } from '../../i18n/locale.ts';
import { DateString, TimeString } from '../schemas.ts';
import { LIMITS } from '../../domain/limits.ts';

/** TypeBox schemas of the staff API bodies (validation and OpenAPI). Semantics are checked by the use cases. */

const closed = { additionalProperties: false };

export const HourSchema = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
    opens: TimeString,
    closes: TimeString,
  },
  closed,
);
export const HoursList = Type.Array(HourSchema, { maxItems: 100 });

const Durations = Type.Array(Type.Object({ maxParty: Type.Integer(), minutes: Type.Integer() }, closed), {
  minItems: 1,
  maxItems: 50,
});

const settings = {
  name: Type.String({ minLength: 1, maxLength: LIMITS.name }),
  timezone: Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/London'] }),
  locale: Type.Union(
    LOCALES.map((l) => Type.Literal(l)),
    { description: 'language of its pages when the guest states none' },
  ),
  slotIntervalMinutes: Type.Integer(),
  bookingWindowDays: Type.Integer(),
  minNoticeMinutes: Type.Integer(),
  cancelCutoffMinutes: Type.Integer(),
  maxPartySize: Type.Integer(),
  durations: Durations,
  reminderHours: Type.Integer({
    description: 'reminder email this many hours before the start; 0 = none (default 24)',
  }),
  maxCoversPerSlot: Type.Union([Type.Integer(), Type.Null()], {
    description: 'pacing: most covers starting at one slot time (guests); null = no limit',
  }),
  holdMinutes: Type.Integer({ description: 'minutes a hold keeps a table (default 5); 0 turns holds off' }),
};

export const NewTableSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: LIMITS.tableLabel }),
    minSeats: Type.Integer({ minimum: 1, maximum: LIMITS.tableSeats }),
    maxSeats: Type.Integer({ minimum: 1, maximum: LIMITS.tableSeats }),
    active: Type.Optional(Type.Boolean()),
    area: Type.Optional(
      Type.Union([Type.String({ maxLength: 32 }), Type.Null()], { description: 'e.g. "Terrace"; null or "" for none' }),
    ),
    bookableOnline: Type.Optional(Type.Boolean({ description: 'guests may book it online (default true)' })),
  },
  closed,
);

export const TableView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  minSeats: Type.Integer(),
  maxSeats: Type.Integer(),
  active: Type.Boolean(),
  area: Type.Union([Type.String(), Type.Null()]),
  bookableOnline: Type.Boolean(),
});

export const CombinationBody = Type.Object(
  {
    tableIds: Type.Array(Type.String({ maxLength: 36 }), {
      minItems: 2,
      maxItems: 4,
      description: '2–4 table ids of this restaurant',
    }),
    minSeats: Type.Integer({ minimum: 1, maximum: 400 }),
    maxSeats: Type.Integer({ minimum: 1, maximum: 400 }),
    active: Type.Optional(Type.Boolean()),
  },
  closed,
);

export const CombinationPatchBody = Type.Partial(CombinationBody, { ...closed, minProperties: 1 });

export const CombinationView = Type.Object({
  id: Type.String(),
  label: Type.String({ description: 'the table labels joined by "+" in natural order' }),
  tables: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
  minSeats: Type.Integer(),
  maxSeats: Type.Integer(),
  active: Type.Boolean(),
});

export const TablePatchSchema = Type.Partial(NewTableSchema, { ...closed, minProperties: 1 });

export const CreateRestaurantBody = Type.Object(
  {
    slug: Type.String({ minLength: 1, maxLength: 64, description: '2–64 of a-z, 0-9 and -' }),
    name: settings.name,
    timezone: settings.timezone,
    locale: Type.Optional(settings.locale),
    slotIntervalMinutes: Type.Optional(settings.slotIntervalMinutes),
    bookingWindowDays: Type.Optional(settings.bookingWindowDays),
    minNoticeMinutes: Type.Optional(settings.minNoticeMinutes),
    cancelCutoffMinutes: Type.Optional(settings.cancelCutoffMinutes),
    maxPartySize: Type.Optional(settings.maxPartySize),
    durations: Type.Optional(settings.durations),
    reminderHours: Type.Optional(settings.reminderHours),
    maxCoversPerSlot: Type.Optional(settings.maxCoversPerSlot),
    holdMinutes: Type.Optional(settings.holdMinutes),
    hours: Type.Optional(HoursList),
    tables: Type.Optional(Type.Array(NewTableSchema, { maxItems: 500 })),
  },
  closed,
);

export const RestaurantPatchBody = Type.Partial(Type.Object(settings), { ...closed, minProperties: 1 });

export const HoursBody = Type.Object({ hours: HoursList }, closed);

export const ClosureBody = Type.Object(
  { date: DateString, note: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.closureNote }), Type.Null()])) },
  closed,
);

export const MemberBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    role: Type.Union([Type.Literal('manager'), Type.Literal('host')]),
  },
  closed,
);

export const StaffBookingPatchBody = Type.Object(
  {
    status: Type.Optional(
      Type.Union(['confirmed', 'seated', 'completed', 'cancelled', 'no_show'].map((s) => Type.Literal(s))),
    ),
    tableId: Type.Optional(Type.String({ minLength: 1, maxLength: 36 })),
    date: Type.Optional(DateString),
    time: Type.Optional(TimeString),
    party: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.partySize })),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.notes }), Type.Null()])),
  },
  { ...closed, minProperties: 1 },
);

export const DayQuery = Type.Object({ date: DateString });

/** The staff list: a day (`date`), or a search (`q`, across dates unless `date` is given too). */
export const BookingListQuery = Type.Object({
  date: Type.Optional(DateString),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'part of a reference, guest name, email or phone (case-insensitive)',
    }),
  ),
});

export const OutboxQuery = Type.Object({
  status: Type.Optional(Type.Union(['pending', 'sending', 'sent', 'failed'].map((s) => Type.Literal(s)))),
});

export const SlugAndId = Type.Object({ slug: Type.String({ maxLength: 64 }), id: Type.String({ maxLength: 64 }) });
export const SlugAndDate = Type.Object({ slug: Type.String({ maxLength: 64 }), date: Type.String({ maxLength: 10 }) });
export const SlugAndEmail = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  email: Type.String({ maxLength: 254 }),
});
export const SlugAndReference = Type.Object({
  slug: Type.String({ maxLength: LIMITS.slug }),
  reference: Type.String({ maxLength: LIMITS.reference }),
});
