// Headers on every response: a strict content security policy (no inline script or
// style anywhere in the web app), no framing, no referrer, no sniffing, and no caching
// of anything the API says — records must not linger in a shared computer's cache.
import type { FastifyInstance } from "fastify";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply) => {
    // A route may set a narrower policy of its own (the vault's same-origin preview).
    if (!reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    }
    reply.header("x-content-type-options", "nosniff");
    if (!reply.hasHeader("x-frame-options")) reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    reply.header(
      "permissions-policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    reply.header("cross-origin-opener-policy", "same-origin");
    if (request.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    const path = request.url.split("?")[0] ?? "";
    if (path.startsWith("/assets/")) {
      // Built files carry a content hash in their names: they never change.
      reply.header("cache-control", "public, max-age=31536000, immutable");
    } else {
      reply.header("cache-control", "no-store");
    }
  });
}
