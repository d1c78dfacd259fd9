// The browser tab's title. Pages say what they are; while the screen is hidden the tab
// only says "Tessera", so a glance at the tab bar gives nothing away.
import { useEffect } from "react";

export const SERVICE_NAME = "Tessera";

let pageTitle = SERVICE_NAME;
let masked = false;

function apply(): void {
  document.title = masked ? SERVICE_NAME : pageTitle;
}

export function setPageTitle(title: string | undefined): void {
  pageTitle = title ? `${title} – ${SERVICE_NAME}` : SERVICE_NAME;
  apply();
}

/** Show only the service name in the tab until unmaskTitle() is called. */
export function maskTitle(): void {
  masked = true;
  apply();
}

export function unmaskTitle(): void {
  masked = false;
  apply();
}

/** Sets the tab title while the calling page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    setPageTitle(title);
  }, [title]);
}
