import { Type } from '@sinclair/typebox';
import { LOCALES } from '../i18n/locale.ts';
import { LIMITS } from '../domain/limits.ts';

/** Shared TypeBox schemas: validation, types and OpenAPI from one definition. */

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    alternatives: Type.Optional(Type.Array(Type.Object({ time: Type.String(), startsAt: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
export const ReferenceParams = Type.Object({ reference: Type.String({ maxLength: 32 }) });

export const DateString = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'restaurant-local date YYYY-MM-DD',
  examples: ['2026-12-24'],
});
export const TimeString = Type.String({
  pattern: '^\\d{2}:\\d{2}$',
  description: 'restaurant-local time HH:MM',
  examples: ['19:30'],
});
export const PartySize = Type.Integer({ minimum: 1, maximum: LIMITS.partySize });

export const Slot = Type.Object({ time: Type.String(), startsAt: Type.String({ format: 'date-time' }) });

export const Booking = Type.Object(
  {
    reference: Type.String(),
    status: Type.String({ enum: ['confirmed', 'seated', 'completed', 'cancelled', 'no_show'] }),
    source: Type.String({ enum: ['web', 'api', 'staff'] }),
    restaurant: Type.String(),
    date: Type.String(),
    time: Type.String(),
    party: Type.Integer(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    notes: Type.Union([Type.String(), Type.Null()]),
    table: Type.Object({ label: Type.String({ description: 'the table, or the combination ("T1+T2")' }) }),
    tables: Type.Array(Type.Object({ label: Type.String() }), {
      description: 'every table the booking holds, natural order',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    timezone: Type.String(),
    locale: Type.String({ enum: [...LOCALES], description: 'the language the booking was made in; its emails use it' }),
    confirmedByGuest: Type.Optional(
      Type.Boolean({
        description:
          'the guest confirmed the booking (the reminder email links to it); answers kept before this field existed lack it',
      }),
    ),
    manageToken: Type.Optional(Type.String({ description: 'only in the create response' })),
    manageUrl: Type.Optional(Type.String({ description: 'only in the create response' })),
  },
  { additionalProperties: true },
);

const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

/** Closed: an unknown field is a 422 naming it (it would otherwise be hashed and ignored). */
export const CreateBookingBody = Type.Object(
  {
    date: DateString,
    time: TimeString,
    party: PartySize,
    name: Type.String({ minLength: 1, maxLength: LIMITS.name }),
    email: Type.Optional(NullableText(LIMITS.email)),
    phone: Type.Optional(NullableText(LIMITS.phone)),
    notes: Type.Optional(NullableText(LIMITS.notes)),
    locale: Type.Optional(
      Type.String({
        enum: [...LOCALES],
        description: "the guest's language; default: Accept-Language, else the restaurant's",
      }),
    ),
    area: Type.Optional(Type.String({ maxLength: 32, description: 'only tables (and combinations) of this area' })),
    holdId: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          'a live hold for the same date, time and party: book its table (else 422); expired or unknown: as if absent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ChangeBookingBody = Type.Object(
  {
    date: Type.Optional(DateString),
    time: Type.Optional(TimeString),
    party: Type.Optional(PartySize),
    notes: Type.Optional(NullableText(LIMITS.notes)),
  },
  { additionalProperties: false },
);

/** `?token=` (the manage token) on links from emails and pages; a repeated one is a 422. */
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: LIMITS.manageToken })) });

export const problemResponses = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Problem]));

export const NoSlotsReason = Type.Union(
  ['closed', 'past', 'beyond_window', 'full'].map((r) => Type.Literal(r)),
  {
    description: 'only when slots is empty: closed (closure or no service), past, beyond_window, full',
  },
);

export const Availability = Type.Object({
  restaurant: Type.String(),
  date: Type.String(),
  party: Type.Integer(),
  timezone: Type.String(),
  slots: Type.Array(Slot),
  reason: Type.Optional(NoSlotsReason),
});

export const HoldBody = Type.Object(
  { date: DateString, time: TimeString, party: PartySize, area: Type.Optional(Type.String({ maxLength: 32 })) },
  { additionalProperties: false },
);

export const Hold = Type.Object({
  holdId: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  date: Type.String(),
  time: Type.String(),
  party: Type.Integer(),
  table: Type.Object({ label: Type.String() }),
});

export const HoldParams = Type.Object({ holdId: Type.String({ maxLength: 64 }) });
