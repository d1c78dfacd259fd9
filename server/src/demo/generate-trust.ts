// A multi-academy trust of generated schools, for benchmarks: by default 50 schools of
// 2,000 pupils (100,000 pupils), each school in its own transaction, with a trust DSL.
import { hashPassword } from "../auth/password.ts";
import type { Database } from "../db/database.ts";
import { accounts, trustMemberships, trusts } from "../db/schema/index.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./demo-school.ts";
import { emailPart } from "./generate-contacts.ts";
import { type GeneratedSchool, generateSchool } from "./generate-school.ts";
import type { Phase } from "./school-plan.ts";

export interface GenerateTrustOptions {
  name?: string;
  schools?: number;
  pupilsPerSchool?: number;
  /** Incident records for each school, over five years (none when not given). */
  recordsPerSchool?: number;
  seed: string | number;
  phase?: Phase;
  /** Schools written at once (PGlite has one connection: use 1 there). */
  concurrency?: number;
  /** Called after each school, e.g. to report progress. */
  onSchool?: (school: GeneratedSchool, index: number) => void;
}

export interface GeneratedTrust {
  trustId: string;
  name: string;
  trustDslEmail: string;
  schools: GeneratedSchool[];
  pupils: number;
  ms: number;
}

// Places for school names; a number is added after the list runs out.
// biome-ignore format: a list of names reads better packed
const PLACES = [
  "Ashcombe", "Brookfield", "Castlegate", "Dunmore", "Elmhurst", "Fairfield", "Greenacre",
  "Hartley", "Ivybridge", "Kingsmead", "Longmoor", "Meadowbank", "Northfield", "Oakwood",
  "Parkside", "Queensway", "Riverside", "Southfields", "Thornbury", "Upton", "Valley Road",
  "Westbrook", "Whitecross", "Yardley Green", "Abbey Mead", "Beacon Hill", "Church Lane",
  "Deanfield", "Eastgate", "Fernhill", "Grange Park", "Hollybush", "Kirkstall", "Larkrise",
  "Millbrook", "Newlands", "Orchard Vale", "Priory", "Redhill", "St Aidan's", "Stonebridge",
  "Tollgate", "Underwood", "Victoria Park", "Willowbrook", "Woodside", "Ashfield", "Bramley",
  "Coppice", "Darley",
];

export async function generateTrust(
  db: Database,
  options: GenerateTrustOptions,
): Promise<GeneratedTrust> {
  const started = Date.now();
  const count = options.schools ?? 50;
  const pupils = options.pupilsPerSchool ?? 2000;
  const phase = options.phase ?? (pupils > 1000 ? "secondary" : "primary");
  const name = options.name ?? "Generated Learning Trust";
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const { trustId, trustDslEmail } = await db.owner(async (tx) => {
    const [trust] = await tx.insert(trusts).values({ name }).returning({ id: trusts.id });
    if (!trust) throw new Error("the trust was not created");
    const slug = name.split(/\s+/).map(emailPart).filter(Boolean).join("-");
    const email = `trust.dsl@${slug}-${trust.id.slice(0, 8)}.example.org`;
    const [account] = await tx
      .insert(accounts)
      .values({
        email,
        name: "Trust Safeguarding Lead",
        passwordHash,
        totpSecret: DEMO_TOTP_SECRET,
        trainingCompletedAt: new Date(),
      })
      .returning({ id: accounts.id });
    if (!account) throw new Error("the trust DSL was not created");
    await tx
      .insert(trustMemberships)
      .values({ trustId: trust.id, accountId: account.id, roles: ["trust_dsl"] });
    return { trustId: trust.id, trustDslEmail: email };
  });

  const schools: GeneratedSchool[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const place = PLACES[i % PLACES.length] as string;
      const round = Math.floor(i / PLACES.length);
      const schoolName = `${place}${round > 0 ? ` ${round + 1}` : ""} ${phase === "primary" ? "Primary School" : "Academy"}`;
      const school = await generateSchool(db, {
        name: schoolName,
        pupils,
        seed: `${options.seed}/school-${i}`,
        trustId,
        phase,
        passwordHash,
        establishment: String((phase === "primary" ? 2000 : 4000) + (i % 2000)),
        ...(options.recordsPerSchool ? { records: options.recordsPerSchool } : {}),
      });
      schools[i] = school;
      options.onSchool?.(school, i);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? (db.driver === "postgres" ? 2 : 1));
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));

  return {
    trustId,
    name,
    trustDslEmail,
    schools,
    pupils: schools.reduce((n, s) => n + s.pupils, 0),
    ms: Date.now() - started,
  };
}
