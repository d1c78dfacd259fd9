// Who is signed in. Loaded once from GET /api/v1/session when the app starts, then kept
// up to date by signing in, the second factor, switching school, locking and signing out.
// Any API answer of 401 (the session has ended) signs the page out, and any 423 (the
// session is locked, perhaps from another tab) shows the lock screen.
import { startAuthentication } from "@simplewebauthn/browser";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { ApiError, onApiError, setCsrfToken } from "../api/client";
import { type Session, sessionApi } from "../api/session";

export type SessionState =
  | { status: "loading" }
  /** byChoice: the person signed out, so sign-in starts afresh at home afterwards. */
  | { status: "signed-out"; byChoice?: boolean }
  | { status: "signed-in"; session: Session }
  /** The server could not tell us; the person may or may not be signed in. */
  | { status: "unknown"; error: unknown };

interface SessionContextValue {
  state: SessionState;
  /** Ask the server again (after an error, or after accepting the agreement). */
  reload: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  switchSchool: (schoolId: string) => Promise<void>;
  /** Use a session body the server sent (after a second factor, a new authenticator…). */
  update: (session: Session) => void;
  /** Lock the page now (the idle lock); the server is told, and refuses other calls. */
  lock: () => void;
  /** Unlock with the password; throws ApiError 400 when it is not right. */
  unlock: (password: string) => Promise<void>;
  /** Unlock with a security key or passkey that checks its owner (PIN or fingerprint). */
  unlockWithKey: () => Promise<void>;
  /**
   * How many times the page has been unlocked. Pages whose loading was refused while locked
   * (423) list it among their effect's dependencies, to load again once unlocked.
   */
  unlockCount: number;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const SESSION_PATH = "/api/v1/session";

function isSignedOutAnswer(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [unlockCount, setUnlockCount] = useState(0);

  const apply = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken);
    setState(session ? { status: "signed-in", session } : { status: "signed-out" });
  }, []);

  const markLocked = useCallback(() => {
    setState((current) =>
      current.status === "signed-in" && !current.session.locked
        ? { status: "signed-in", session: { ...current.session, locked: true } }
        : current,
    );
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

  // Answers that concern the whole app, whichever page asked.
  useEffect(
    () =>
      onApiError((error, method, path) => {
        // A refused sign-in is the sign-in page's business.
        if (method === "POST" && path === SESSION_PATH) return;
        if (error.status === 401) apply(null);
        else if (error.status === 423) markLocked();
      }),
    [apply, markLocked],
  );

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
      if (!isSignedOutAnswer(error)) throw error;
    }
    setState({ status: "signed-out", byChoice: true });
  }, []);

  const switchSchool = useCallback(
    async (schoolId: string) => {
      apply(await sessionApi.switchSchool(schoolId));
    },
    [apply],
  );

  const lock = useCallback(() => {
    markLocked();
    // If the server cannot be told (offline), the page is still covered; the server's
    // own session lifetime does the rest.
    sessionApi.lock().catch(() => undefined);
  }, [markLocked]);

  const unlock = useCallback(
    async (password: string) => {
      apply(await sessionApi.unlock(password));
      setUnlockCount((count) => count + 1);
    },
    [apply],
  );

  const unlockWithKey = useCallback(async () => {
    const optionsJSON = await sessionApi.unlockKeyOptions();
    const response = await startAuthentication({ optionsJSON });
    apply(await sessionApi.unlockWithKey(response));
    setUnlockCount((count) => count + 1);
  }, [apply]);

  const value = useMemo(
    () => ({
      state,
      reload,
      signIn,
      signOut,
      switchSchool,
      update: apply,
      lock,
      unlock,
      unlockWithKey,
      unlockCount,
    }),
    [state, reload, signIn, signOut, switchSchool, apply, lock, unlock, unlockWithKey, unlockCount],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
