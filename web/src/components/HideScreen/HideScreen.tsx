// Hide screen (seed 002, "blank screen"): when someone is interrupted, one click on the
// header button, or Escape twice within a second, covers the page at once. Nothing of the
// page shows, the app underneath is inert and hidden from assistive technology, and the
// tab title becomes just "Tessera".
import {
  createContext,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import { maskTitle, unmaskTitle } from "../../lib/pageTitle";
import "./HideScreen.css";

/**
 * How someone gets the page back, as the school sets it (settings.hideScreenReturn):
 * "click" (the default) is a "Show the page" button here. "password" locks the session
 * instead (session/HideScreenPasswordReturn.tsx registers that), so the idle lock's
 * screen covers the page and only the person's password brings it back.
 */
export type HideScreenReturnMode = "click";

/** Two presses of Escape closer together than this hide the screen. */
export const ESCAPE_TWICE_WINDOW_MS = 1000;

interface HideScreenContextValue {
  hidden: boolean;
  hide: () => void;
  /** When set, hiding calls this (it locks the session) instead of showing the overlay. */
  setLockInstead: (lock: (() => void) | null) => void;
}

const HideScreenContext = createContext<HideScreenContextValue | null>(null);

export function useHideScreen(): HideScreenContextValue {
  const value = useContext(HideScreenContext);
  if (!value) throw new Error("useHideScreen must be used inside HideScreenProvider");
  return value;
}

interface HideScreenProviderProps {
  children: ReactNode;
  returnMode?: HideScreenReturnMode;
}

export function HideScreenProvider({ children, returnMode = "click" }: HideScreenProviderProps) {
  const [hidden, setHidden] = useState(false);
  const hiddenRef = useRef(false);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const overlayAction = useRef<HTMLButtonElement>(null);
  const lockInstead = useRef<(() => void) | null>(null);
  const setLockInstead = useCallback((lock: (() => void) | null) => {
    lockInstead.current = lock;
  }, []);

  const hide = useCallback(() => {
    if (hiddenRef.current) return;
    const lock = lockInstead.current;
    if (lock) {
      // The school wants the password to come back: lock now, covering the page at once.
      flushSync(lock);
      return;
    }
    hiddenRef.current = true;
    const active = document.activeElement;
    returnFocusTo.current =
      active instanceof HTMLElement && active !== document.body ? active : null;
    // Commit now, inside this event, so the page is covered before anything else happens.
    flushSync(() => setHidden(true));
    maskTitle();
    overlayAction.current?.focus();
  }, []);

  const show = useCallback(() => {
    if (!hiddenRef.current) return;
    hiddenRef.current = false;
    flushSync(() => setHidden(false));
    unmaskTitle();
    const target = returnFocusTo.current;
    returnFocusTo.current = null;
    if (target?.isConnected) {
      target.focus({ preventScroll: true });
    } else {
      document.querySelector<HTMLElement>("[data-hide-screen-button]")?.focus();
    }
  }, []);

  // Escape twice, quickly, from anywhere in the page.
  useEffect(() => {
    let lastEscape = Number.NEGATIVE_INFINITY;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.isComposing) return;
      if (hiddenRef.current) return;
      const now = performance.now();
      if (now - lastEscape <= ESCAPE_TWICE_WINDOW_MS) {
        lastEscape = Number.NEGATIVE_INFINITY;
        event.preventDefault();
        hide();
      } else {
        lastEscape = now;
      }
    }
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [hide]);

  const value = useMemo(() => ({ hidden, hide, setLockInstead }), [hidden, hide, setLockInstead]);

  return (
    <HideScreenContext.Provider value={value}>
      <div className="app-root" inert={hidden} aria-hidden={hidden ? true : undefined}>
        {children}
      </div>
      {hidden && <HiddenScreen returnMode={returnMode} onShow={show} actionRef={overlayAction} />}
    </HideScreenContext.Provider>
  );
}

interface HiddenScreenProps {
  returnMode: HideScreenReturnMode;
  onShow: () => void;
  actionRef: RefObject<HTMLButtonElement | null>;
}

function HiddenScreen({ returnMode, onShow, actionRef }: HiddenScreenProps) {
  const titleId = useId();
  return (
    <div className="hidden-screen" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="hidden-screen__content">
        <h1 className="hidden-screen__title" id={titleId}>
          Screen hidden
        </h1>
        <HiddenScreenReturn mode={returnMode} onShow={onShow} actionRef={actionRef} />
      </div>
    </div>
  );
}

function HiddenScreenReturn({
  mode,
  onShow,
  actionRef,
}: {
  mode: HideScreenReturnMode;
  onShow: () => void;
  actionRef: RefObject<HTMLButtonElement | null>;
}) {
  switch (mode) {
    case "click":
      return (
        <button type="button" className="button button--secondary" ref={actionRef} onClick={onShow}>
          Show the page
        </button>
      );
  }
}

/** The header button. Same place on every page: the top right. */
export function HideScreenButton() {
  const { hide } = useHideScreen();
  return (
    <button
      type="button"
      className="button button--secondary hide-screen-button"
      data-hide-screen-button=""
      onClick={hide}
    >
      Hide screen
    </button>
  );
}
