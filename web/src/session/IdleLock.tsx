// The idle lock (seed 002: "The system will time out every 10 minutes of inactivity").
// After the school's idle time without a key press, pointer, touch or scroll, the page
// locks: the server is told (so other tabs and scripts are refused too), and a lock screen
// covers everything. One minute before, a banner warns and offers "Stay signed in"
// (WCAG 2.2.1). The page underneath stays mounted — only made inert and invisible — so
// nothing typed into a form is lost when the password unlocks it again.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { Button } from "../components/Button/Button";
import { maskTitle, unmaskTitle } from "../lib/pageTitle";
import { LockScreen } from "./LockScreen";
import { useSession } from "./SessionContext";
import "./IdleLock.css";

/**
 * Test hook: the browser tests set this localStorage key (a number of seconds) to try the
 * lock without waiting minutes. It can only make the lock come sooner, never later than
 * the school's setting, so it cannot weaken the lock.
 */
export const IDLE_TEST_HOOK_KEY = "tessera.test.idleLockSeconds";

const DEFAULT_IDLE_MINUTES = 10;
const WARNING_MS = 60_000;
/**
 * What counts as using the page. Moving the mouse alone does not (it would also make the
 * warning vanish from under someone reaching for its button).
 */
const ACTIVITY_EVENTS = ["keydown", "pointerdown", "wheel", "touchstart", "scroll"];

/** How long the page may stay idle before it locks. */
export function idleLimitMs(idleLockMinutes: number): number {
  const minutes = idleLockMinutes > 0 ? idleLockMinutes : DEFAULT_IDLE_MINUTES;
  const limit = minutes * 60_000;
  try {
    const seconds = Number(window.localStorage.getItem(IDLE_TEST_HOOK_KEY) ?? Number.NaN);
    if (Number.isFinite(seconds) && seconds > 0) return Math.min(limit, seconds * 1000);
  } catch {
    // Storage can be unavailable (privacy settings): the school's setting stands.
  }
  return limit;
}

/** The warning comes a minute before the lock (or halfway, for a very short limit). */
export function warningLeadMs(limit: number): number {
  return Math.min(WARNING_MS, limit / 2);
}

/** "1 minute", "2 minutes", "30 seconds". */
export function describeDuration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export function IdleLock({ children }: { children: ReactNode }) {
  const { state, lock } = useSession();
  const session = state.status === "signed-in" ? state.session : undefined;
  const locked = session?.locked === true;
  const watching = session !== undefined && !locked;
  const minutes = session?.school.idleLockMinutes ?? DEFAULT_IDLE_MINUTES;
  const [warning, setWarning] = useState<string>();
  const lastActivity = useRef(Date.now());
  const warned = useRef(false);
  const lastFocus = useRef<HTMLElement | null>(null);
  const appRef = useRef<HTMLDivElement>(null);

  const stayActive = useCallback(() => {
    lastActivity.current = Date.now();
    if (warned.current) {
      warned.current = false;
      setWarning(undefined);
    }
  }, []);

  useEffect(() => {
    if (!watching) {
      warned.current = false;
      setWarning(undefined);
      return;
    }
    const limit = idleLimitMs(minutes);
    const lead = warningLeadMs(limit);
    lastActivity.current = Date.now();
    const check = () => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= limit) {
        lock();
      } else if (idle >= limit - lead && !warned.current) {
        warned.current = true;
        setWarning(`Tessera will lock in ${describeDuration(limit - idle)}.`);
      }
    };
    // Coming back to a tab that was in the background: check before the first movement
    // counts as activity (background timers may have run late).
    const onVisible = () => {
      if (document.visibilityState === "visible") check();
    };
    const options = { capture: true, passive: true };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, stayActive, options);
    document.addEventListener("visibilitychange", onVisible);
    const timer = window.setInterval(check, Math.min(1000, limit / 20));
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, stayActive, options);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [watching, minutes, lock, stayActive]);

  // Remember where the person was working, to put them back there after unlocking.
  useEffect(() => {
    const app = appRef.current;
    if (!app) return;
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocus.current = event.target;
    };
    app.addEventListener("focusin", onFocus);
    return () => app.removeEventListener("focusin", onFocus);
  }, []);

  // While locked the tab title says only "Tessera" (a page title can name a pupil).
  const wasLocked = useRef(false);
  useEffect(() => {
    if (locked) {
      wasLocked.current = true;
      maskTitle("lock");
      return;
    }
    unmaskTitle("lock");
    if (wasLocked.current) {
      wasLocked.current = false;
      const target = lastFocus.current;
      if (target?.isConnected) target.focus({ preventScroll: true });
    }
  }, [locked]);

  useEffect(() => {
    document.documentElement.classList.toggle("has-idle-warning", warning !== undefined);
  }, [warning]);

  return (
    <>
      <div
        ref={appRef}
        className="lock-root"
        inert={locked}
        aria-hidden={locked ? true : undefined}
      >
        {children}
      </div>
      {/* The live region is there from sign-in on, so its warning is announced. */}
      {watching && (
        <div className={warning ? "idle-warning idle-warning--open" : "idle-warning"}>
          <div className="idle-warning__inner">
            <output className="idle-warning__text">
              {warning && (
                <>
                  <strong>{warning}</strong> Anything you have typed will be kept.
                </>
              )}
            </output>
            {warning && (
              <Button variant="secondary" className="idle-warning__button" onClick={stayActive}>
                Stay signed in
              </Button>
            )}
          </div>
        </div>
      )}
      {session && locked && <LockScreen session={session} />}
    </>
  );
}
