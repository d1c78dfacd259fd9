// How long a session lasts on the server. The page's own idle lock (10 minutes by
// default, a school setting) is separate: it hides the page and asks for the password;
// these decide when the server forgets the session altogether.
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = "tessera_session";
