/** The signed-in staff member, as loaded from the database session on each request. */
export interface StaffPrincipal {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** the session row id (sha256 of the cookie token) */
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the session hook (src/http/session-hook.ts); null when signed out */
    staff: StaffPrincipal | null;
  }
}
