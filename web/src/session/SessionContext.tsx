// Who is signed in. Loaded once from GET /api/v1/session when the app starts, then kept
// up to date by signing in, switching school and signing out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, setCsrfToken } from "../api/client";
import { type Session, sessionApi } from "../api/session";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; session: Session }
  /** The server could not tell us; the person may or may not be signed in. */
  | { status: "unknown"; error: unknown };

interface SessionContextValue {
  state: SessionState;
  /** Ask the server again (after an error, or after switching school). */
  reload: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  switchSchool: (schoolId: string) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** 401 means not signed in; 404 means this server has no sessions yet. Both: signed out. */
function isSignedOutAnswer(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 404);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const apply = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken);
    setState(session ? { status: "signed-in", session } : { status: "signed-out" });
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        apply(await sessionApi.current(signal));
      } catch (error) {
        if (signal?.aborted) return;
        if (isSignedOutAnswer(error)) apply(null);
        else setState({ status: "unknown", error });
      }
    },
    [apply],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const reload = useCallback(() => load(), [load]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await sessionApi.signIn(email, password);
      apply(session);
      return session;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    try {
      await sessionApi.signOut();
    } catch (error) {
      // Already signed out on the server: nothing more to do.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    apply(null);
  }, [apply]);

  const switchSchool = useCallback(
    async (schoolId: string) => {
      apply(await sessionApi.switchSchool(schoolId));
    },
    [apply],
  );

  return (
    <SessionContext.Provider value={{ state, reload, signIn, signOut, switchSchool }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}

/** The signed-in session, or undefined. */
export function useCurrentSession(): Session | undefined {
  const { state } = useSession();
  return state.status === "signed-in" ? state.session : undefined;
}
