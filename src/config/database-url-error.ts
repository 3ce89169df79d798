/** A DATABASE_URL (or --from / --to URL) that cannot be used; the message completes "DATABASE_URL …". */
export class DatabaseUrlError extends Error {}
