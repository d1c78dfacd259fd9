// openid-client configurations, one per school's provider, made from the issuer's
// discovery document and kept a few minutes so each sign-in does not fetch it again.
import * as client from "openid-client";

const KEEP_MS = 10 * 60 * 1000;
const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** http:// is refused except on this machine (tests and development providers). */
export function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function issuerAllowed(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
  } catch {
    return false;
  }
}

export function oidcConfiguration(options: {
  schoolId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** Changes whenever the settings do, so a changed secret is not served stale. */
  version: string;
}): Promise<client.Configuration> {
  const key = `${options.schoolId}:${options.version}`;
  const kept = cache.get(key);
  if (kept && Date.now() - kept.at < KEEP_MS) return kept.config;
  const issuer = new URL(options.issuer);
  const config = client.discovery(
    issuer,
    options.clientId,
    undefined,
    options.clientSecret ? client.ClientSecretBasic(options.clientSecret) : client.None(),
    {
      timeout: 10,
      ...(issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
  cache.set(key, { at: Date.now(), config });
  // A failed discovery is not kept: the next sign-in tries again.
  config.catch(() => cache.delete(key));
  return config;
}
