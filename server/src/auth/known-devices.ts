// New-device sign-in notices. Each browser keeps a long-lived random cookie (HttpOnly, so
// page scripts cannot copy it); known_devices keeps its hash per account. When an account
// becomes fully signed in (both factors, or the one its school asks for) from a browser
// it has not used before, its owner is emailed through the outbox; a known browser is
// only marked as seen again.
import { lt, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Database, queryRows } from "../db/database.ts";
import { knownDevices } from "../db/schema/index.ts";
import { enqueue } from "../jobs/outbox.ts";
import { deviceSummary } from "./device-summary.ts";
import type { SecondFactorState } from "./signed-in.ts";
import { hashToken, randomToken } from "./tokens.ts";

export const DEVICE_COOKIE = "tessera_device";
// Browsers cap cookie lifetimes at 400 days; a device unseen for longer is new again.
const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/** The browser's device token, made (and set as a cookie) when it has none. */
export function deviceToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[DEVICE_COOKIE];
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
  // Set again at every sign-in, so a browser in daily use keeps its cookie past 400 days.
  reply.setCookie(DEVICE_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
  return token;
}

/**
 * Called wherever a session becomes fully signed in. Does nothing while a second factor
 * is still needed, so a password alone (perhaps a stolen one) does not mark a browser as
 * known, and the notice goes out once the sign-in has really succeeded.
 */
export async function noteSignIn(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { accountId: string; secondFactor: SecondFactorState },
): Promise<void> {
  if (who.secondFactor === "required") return;
  const token = deviceToken(request, reply);
  const summary = deviceSummary(request.headers["user-agent"]);
  await db.global(async (tx) => {
    // xmax = 0 only on a freshly inserted row: the device was not known.
    const [row] = await queryRows<{ id: string; inserted: boolean }>(
      tx,
      sql`insert into known_devices (account_id, device_hash, user_agent)
          values (${who.accountId}, ${hashToken(token)}, ${summary})
          on conflict (account_id, device_hash) do update set last_seen_at = now(), user_agent = excluded.user_agent
          returning id, (xmax = 0) as inserted`,
    );
    if (row?.inserted) {
      await enqueue(tx, "sign-in.new-device", {
        accountId: who.accountId,
        device: summary,
        address: request.ip,
        at: new Date().toISOString(),
      });
    }
  });
}

/** Forgets browsers unseen for longer than their cookie can live: they are new again. */
export async function forgetStaleDevices(db: Database, now = new Date()): Promise<number> {
  const gone = await db.global((tx) =>
    tx
      .delete(knownDevices)
      .where(lt(knownDevices.lastSeenAt, new Date(now.getTime() - DEVICE_COOKIE_MAX_AGE_S * 1000)))
      .returning({ id: knownDevices.id }),
  );
  return gone.length;
}
