/** The PostgreSQL error under a driver's wrapper (Drizzle wraps it as `cause`). */
export function databaseError(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, message: current.message };
    }
    current = current.cause;
  }
  return { code: undefined, message: error instanceof Error ? error.message : String(error) };
}
