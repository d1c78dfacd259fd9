// Shared by the roster tests: multipart bodies as a browser sends them, pupils' CSV
// files with valid UPNs, and signing in with a second factor.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { currentTotp } from "../src/auth/totp.ts";
import { makeUpn } from "../src/demo/upn.ts";
import { type Client, signIn, TOTP_SECRET } from "./fixtures.ts";

export async function multipart(
  fields: Record<string, string | { text: string; name: string; type: string }>,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") form.append(key, value);
    else form.append(key, new Blob([value.text], { type: value.type }), value.name);
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type")! },
  };
}

export function upnFor(serial: number): string {
  return makeUpn("823", String(2000 + Math.floor(serial / 1000)), 2020, serial % 1000);
}

/** Signs in having accepted the school's agreement (once per account and school). */
export async function signInReady(app: FastifyInstance, email: string): Promise<Client> {
  const client = await signIn(app, email);
  const agreement = await app.inject({
    method: "GET",
    url: "/api/v1/agreement",
    headers: { cookie: client.cookie },
  });
  if (agreement.statusCode === 200 && client.body.agreementRequired) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/agreement",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { version: agreement.json().version },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
  return client;
}

/** Signs in and enters an authenticator code (the account must have TOTP_SECRET). */
export async function signInWithCode(app: FastifyInstance, email: string): Promise<Client> {
  const client = await signInReady(app, email);
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    payload: { code: currentTotp(TOTP_SECRET) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return client;
}
