/**
 * Booking search (SPEC §9.2): a case-insensitive "part of the text" match on reference, guest
 * name, email or phone. The app folds both sides (NFC, then Unicode lower case) and the
 * database compares bytes, so SQLite, MySQL and PostgreSQL answer exactly alike.
 */

/** Longest search text we accept (a phone number, an email, a name). */
export const MAX_SEARCH_LENGTH = 100;

/** Newline separates the fields, and queries never contain one, so no match spans two fields. */
const SEPARATOR = '\n';

export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** The stored `search_text` of a booking. */
export function searchTextOf(b: {
  reference: string;
  name: string;
  email?: string | null;
  phone?: string | null;
}): string {
  return foldForSearch([b.reference, b.name, b.email ?? '', b.phone ?? ''].join(SEPARATOR));
}

/** The query as the user typed it, folded, whitespace runs (and newlines) made one space, trimmed. */
export function normalizeQuery(q: string): string {
  return foldForSearch(q).replace(/\s+/g, ' ').trim();
}

/** The escape character of our LIKE patterns ('!' avoids MySQL's backslash rules in literals). */
export const LIKE_ESCAPE = '!';

/** `%text%` with the user's %, _ and the escape character itself taken literally. */
export function containsPattern(normalizedQuery: string): string {
  const escaped = normalizedQuery.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
  return `%${escaped}%`;
}
