// Signing in as a generated member of staff (password and second factor), in process
// (app.inject) or over HTTP to a listening server.
import type { FastifyInstance } from "fastify";
import { currentTotp } from "../server/src/auth/totp.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../server/src/demo/demo-school.ts";

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(app: FastifyInstance, email: string): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { email, password: DEMO_PASSWORD },
  });
  const token = res.cookies.find((c) => c.name === "tessera_session")?.value;
  if (!token) throw new Error(`${email} could not sign in: ${res.statusCode} ${res.body}`);
  const cookie = `tessera_session=${token}`;
  const csrf = res.json().csrfToken as string;
  const second = await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie, "x-csrf-token": csrf },
    payload: { code: currentTotp(DEMO_TOTP_SECRET) },
  });
  if (second.statusCode >= 400) throw new Error(`${email}: second factor ${second.statusCode}`);
  return { cookie, csrf };
}

export async function signInOverHttp(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const token = /tessera_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!token) throw new Error(`${email} could not sign in: ${res.status}`);
  const cookie = `tessera_session=${token}`;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  // A code is accepted once: if this account used this step's code already (signed in
  // in process moments ago), the next step's code is within the server's window.
  for (const ahead of [0, 30_000]) {
    const second = await fetch(`${base}/api/v1/session/second-factor`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      body: JSON.stringify({ code: currentTotp(DEMO_TOTP_SECRET, Date.now() + ahead) }),
    });
    if (second.status < 400) return { cookie, csrf };
    if (ahead > 0) throw new Error(`${email}: second factor ${second.status}`);
  }
  throw new Error(`${email}: second factor refused`);
}

/** Switches a session with rights in several schools (a trust DSL) to one of them. */
export async function switchSchool(app: FastifyInstance, s: Session, schoolId: string) {
  const res = await app.inject({
    method: "PUT",
    url: "/api/v1/session/school",
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    payload: { schoolId },
  });
  if (res.statusCode >= 400) throw new Error(`switching school: ${res.statusCode} ${res.body}`);
}
