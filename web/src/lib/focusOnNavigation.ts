// After someone moves to another page inside the app, focus goes to the new page's h1 (as
// a full page load would put them at the top, and so screen readers announce the page).
// The h1 may appear later than the navigation (after loading), so the request waits for it.
import { useEffect, useLayoutEffect, useRef } from "react";
import { useLocation, useNavigationType } from "react-router";
import { hasInteracted } from "./interaction";

let pending = false;

function focusHeading(heading: HTMLElement): void {
  pending = false;
  heading.focus({ preventScroll: true });
}

/** Called by PageHeading when it appears: takes the focus if a navigation asked for it. */
export function claimNavigationFocus(heading: HTMLElement): void {
  if (pending) focusHeading(heading);
}

/** Used once, by the layout. */
export function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(pathname);

  // Layout effects run before any passive effect, so a heading mounting with this very
  // navigation (PageHeading's useEffect) sees the request.
  useLayoutEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (navigationType !== "POP") window.scrollTo(0, 0);
    // On a fresh page load (and its redirects) focus stays at the start of the document,
    // so the first Tab reaches the skip link.
    pending = hasInteracted();
  }, [pathname, navigationType]);

  // The page's heading was already on screen (same component, new path): focus it now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each navigation on purpose.
  useEffect(() => {
    if (!pending) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) focusHeading(heading);
  }, [pathname]);
}
