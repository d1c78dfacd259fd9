// How long a session lasts on the server. The page's own idle lock (10 minutes by
// default, a school setting) is separate: it hides the page and asks for the password;
// these decide when the server forgets the session altogether. The server also locks a
// session that a page opens after longer than the school's idle time without a request
// (session-store.ts, idleBeyondLock); the idle expiry stays hours, not the lock's minutes,
// because the lock keeps what was typed and unlocks with the password, and expiry does not.
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = "tessera_session";
