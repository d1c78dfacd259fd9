// The browser tab's title. Pages say what they are; while the screen is hidden or locked
// the tab only says "Tessera", so a glance at the tab bar gives nothing away.
import { useEffect } from "react";

export const SERVICE_NAME = "Tessera";

let pageTitle = SERVICE_NAME;
/** Why the title is masked ("hide", "lock"): it stays masked until every reason is gone. */
const maskedBy = new Set<string>();

function apply(): void {
  document.title = maskedBy.size > 0 ? SERVICE_NAME : pageTitle;
}

export function setPageTitle(title: string | undefined): void {
  pageTitle = title ? `${title} – ${SERVICE_NAME}` : SERVICE_NAME;
  apply();
}

/** Show only the service name in the tab until unmaskTitle() is called for the same reason. */
export function maskTitle(reason = "hide"): void {
  maskedBy.add(reason);
  apply();
}

export function unmaskTitle(reason = "hide"): void {
  maskedBy.delete(reason);
  apply();
}

/** Sets the tab title while the calling page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    setPageTitle(title);
  }, [title]);
}
