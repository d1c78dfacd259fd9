// Small, explicit test data: a school and people with the roles a test needs.
import type { FastifyInstance } from "fastify";
import type { SchoolRole } from "../src/access/roles.ts";
import { hashPassword } from "../src/auth/password.ts";
import type { Database } from "../src/db/database.ts";
import { accounts, memberships, schools } from "../src/db/schema/index.ts";

export const PASSWORD = "correct horse battery staple";
export const TOTP_SECRET = "JBSWY3DPEHPK3PXP";

let hashed: Promise<string> | undefined;

export async function createSchool(db: Database, name = "Test School"): Promise<string> {
  const [school] = await db.owner((tx) => tx.insert(schools).values({ name }).returning());
  return school!.id;
}

export async function createPerson(
  db: Database,
  options: { schoolId?: string; email: string; roles?: SchoolRole[]; totp?: boolean },
): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  return db.owner(async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({
        email: options.email,
        name: options.email.split("@")[0]!,
        passwordHash,
        totpSecret: options.totp ? TOTP_SECRET : null,
      })
      .returning();
    if (options.schoolId) {
      await tx.insert(memberships).values({
        schoolId: options.schoolId,
        accountId: account!.id,
        roles: options.roles ?? ["staff"],
      });
    }
    return account!.id;
  });
}

export interface Client {
  cookie: string;
  csrfToken: string;
  body: Record<string, unknown>;
}

/** Signs in through the API, as a browser would. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
  ip = "192.0.2.10",
): Promise<Client> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { email, password },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "tessera_session");
  return {
    cookie: `tessera_session=${cookie!.value}`,
    csrfToken: res.json().csrfToken,
    body: res.json(),
  };
}
