/**
 * Every length and size limit, written once: the route schemas, the domain validators, the
 * page forms (`maxlength`) and the queries all read them from here.
 */
export const LIMITS = {
  /** a guest's, staff member's or restaurant's name, in characters */
  name: 100,
  email: 254,
  phone: 32,
  /** booking notes */
  notes: 1000,
  tableLabel: 32,
  /** seats of one table (min and max) */
  tableSeats: 100,
  closureNote: 200,
  /** the longest dining time a duration rule may give, in minutes */
  durationMinutes: 720,
  /** the largest party the API accepts at all (a restaurant's own maximum is lower) */
  partySize: 1000,
  /** a manage token as sent by a client */
  manageToken: 200,
  slug: 64,
  reference: 32,
} as const;
