import { Type, type TObject, type TProperties } from '@sinclair/typebox';

/**
 * Query-string schemas of the web pages. A parameter repeated in the URL (`?token=a&token=b`)
 * arrives as an array: declaring every parameter a page reads as one string turns that into a
 * 422 page instead of a crash. Parameters a page does not read are ignored (links from
 * newsletters carry `utm_*` and the like); `lang` is declared on every page.
 */

const text = (maxLength: number, description?: string) => Type.Optional(Type.String({ maxLength, description }));

export function pageQuery<P extends TProperties>(properties: P): TObject<P & { lang: ReturnType<typeof text> }> {
  return Type.Object({ ...properties, lang: text(8, 'page language (en or ko)') }, { additionalProperties: true });
}

/** A page that reads no query parameter of its own. */
export const PlainPageQuery = pageQuery({});

export const SignInQuery = pageQuery({ next: text(2000, 'path on this site to open after signing in') });

export const DateAndPartyQuery = pageQuery({ date: text(32), party: text(16) });

export const BookFormQuery = pageQuery({ date: text(32), party: text(16), time: text(16) });

export const ManageQuery = pageQuery({
  token: text(200, 'the manage token'),
  date: text(32),
  party: text(16),
  created: text(8),
  changed: text(8),
  cancelled: text(8),
  notes: text(8),
});

export const DaySheetQuery = pageQuery({ date: text(32), booked: text(32) });

export const AdminSectionQuery = pageQuery({ saved: text(8) });
