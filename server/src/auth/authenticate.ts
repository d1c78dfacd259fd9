// Every request that is not marked public must come from a signed-in session, and every
// non-GET request must carry the session's CSRF token. Checked here, once, for all routes.
import type { FastifyInstance } from "fastify";
import type { Database } from "../db/database.ts";
import { Problem, problems } from "../http/problem.ts";
import { SESSION_COOKIE } from "./lifetimes.ts";
import { loadSession } from "./session-store.ts";
import { sameSecret } from "./tokens.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuthentication(app: FastifyInstance, db: Database): void {
  app.addHook("onRequest", async (request) => {
    // Unknown paths (routeOptions.url undefined) fall through to the not-found handler.
    if (request.routeOptions.config.public || request.routeOptions.url === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    const who = token ? await loadSession(db, token) : null;
    if (!who) throw problems.notSignedIn();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameSecret(sent, who.csrfToken)) {
        throw new Problem(
          403,
          "csrf",
          "Not allowed",
          "This request did not carry the page's security token (X-CSRF-Token). Reload the page and try again.",
        );
      }
    }
    if (who.locked && !request.routeOptions.config.whileLocked) {
      throw new Problem(
        423,
        "locked",
        "Tessera is locked",
        "The page locked itself after a while without use. Enter your password to unlock it.",
      );
    }
    request.signedIn = who;
  });
}
