import { type ReactNode, useEffect, useRef } from "react";
import { claimNavigationFocus } from "../../lib/focusOnNavigation";

/** The page's one h1. It receives focus after an in-app navigation. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (ref.current) claimNavigationFocus(ref.current);
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
