// Marking an alert read changes the header's unread count without a page change: pages
// announce it, the header listens.
const EVENT = "tessera:alerts-changed";

export function announceAlertsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onAlertsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
