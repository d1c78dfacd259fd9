// Where to go once a step of signing in is done: back to the page that asked (kept in the
// router state as `from`), if it is one of ours; otherwise home.
import type { Location } from "react-router";

export interface FromState {
  from?: Pick<Location, "pathname" | "search" | "hash">;
}

export function destination(state: unknown): string {
  const from = (state as FromState | null)?.from;
  const path = from?.pathname;
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//")) return "/";
  const search = typeof from?.search === "string" ? from.search : "";
  return `${path}${search}`;
}

/** The router state to pass on, so the next step still knows where to go afterwards. */
export function passOn(state: unknown): FromState | undefined {
  const from = (state as FromState | null)?.from;
  return from ? { from } : undefined;
}
