// Large generated schools for benchmarks: the same kind of roll, taxonomy and staff as the
// demo, at any size, from a seed. Each school is written in one owner transaction with
// multi-row inserts of up to 1,000 rows.
import { sql } from "drizzle-orm";
import { hashPassword } from "../auth/password.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./demo-school.ts";
import { emailPart } from "./generate-contacts.ts";
import { generateStaff, type StaffSeed, staffName } from "./generate-staff.ts";
import { type PopulatedSchool, populateSchool } from "./populate-school.ts";
import { Random } from "./random.ts";
import { type Phase, planForPupils } from "./school-plan.ts";
import { isoDate, schoolYearOf } from "./school-year.ts";

export interface GenerateSchoolOptions {
  name: string;
  pupils: number;
  seed: string | number;
  trustId?: string;
  /** Primary (Reception–Year 6) or secondary (Years 7–13); secondary above 1,000 pupils. */
  phase?: Phase;
  /** A hash of the staff's password (DEMO_PASSWORD is hashed when not given). */
  passwordHash?: string;
  /** The four-digit DfE establishment number in the pupils' UPNs. */
  establishment?: string;
  /** Today, for ages and admissions (the clock when not given). */
  today?: Date;
  /** Exactly this many incident records over the last five years (none when not given). */
  records?: number;
}

export interface GeneratedSchool extends PopulatedSchool {
  /** Staff email addresses are @domain; the role holders are dsl@, deputy@, head@ … */
  domain: string;
  /** Milliseconds the transaction took. */
  ms: number;
}

/** A domain of example.org for the school's staff, not yet used by any account. */
async function freeDomain(tx: Tx, name: string): Promise<string> {
  const slug =
    name
      .split(/\s+/)
      .map(emailPart)
      .filter((part) => part.length > 0)
      .join("-") || "school";
  for (let n = 1; ; n++) {
    const domain = `${slug}${n === 1 ? "" : `-${n}`}.example.org`;
    const [row] = await queryRows<{ taken: boolean }>(
      tx,
      sql`select exists (select 1 from accounts where lower(email) like ${`%@${domain}`}) as taken`,
    );
    if (!row?.taken) return domain;
  }
}

/** The people every school has, at role@domain. */
function roleHolders(domain: string, random: Random, used: Set<string>): StaffSeed[] {
  const holders: [string, StaffSeed["roles"], string][] = [
    ["dsl", ["staff", "dsl"], "Designated safeguarding lead"],
    ["deputy", ["staff", "deputy_dsl"], "Deputy designated safeguarding lead"],
    ["head", ["staff", "head"], "Headteacher"],
    ["sendco", ["staff", "sendco"], "SENDCo"],
    ["pastoral", ["staff", "pastoral", "attendance"], "Pastoral and attendance lead"],
    ["office", ["staff", "administrator"], "School business manager"],
  ];
  return holders.map(([local, roles, jobTitle]) => {
    const email = `${local}@${domain}`;
    used.add(email);
    return { email, name: staffName(random), roles, jobTitle };
  });
}

export async function generateSchool(
  db: Database,
  options: GenerateSchoolOptions,
): Promise<GeneratedSchool> {
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const today = options.today ?? new Date();
  const phase = options.phase ?? (options.pupils > 1000 ? "secondary" : "primary");
  const plan = planForPupils(options.pupils, phase);
  const random = new Random(options.seed);
  const establishment =
    options.establishment ??
    String(phase === "primary" ? random.int(2000, 3999) : random.int(4000, 5999));
  const started = Date.now();
  const school = await db.owner(async (tx) => {
    const domain = await freeDomain(tx, options.name);
    const used = new Set<string>();
    const staffRandom = random.fork("staff");
    const staff = [
      ...roleHolders(domain, staffRandom, used),
      ...generateStaff(staffRandom, {
        domain,
        classTeachers: plan.classes.map((c) => c.name),
        teachingAssistants: Math.ceil(plan.classes.length / 2),
        lunchtimeSupervisors: Math.ceil(plan.classes.length / 5),
        used,
      }),
    ];
    const populated = await populateSchool(tx, {
      name: options.name,
      trustId: options.trustId ?? null,
      seed: options.seed,
      plan,
      schoolYear: schoolYearOf(today),
      asOf: isoDate(today),
      upn: { la: "999", establishment },
      staff,
      passwordHash,
      totpSecret: DEMO_TOTP_SECRET,
      now: today,
      ...(options.records ? { records: { count: options.records } } : {}),
    });
    return { ...populated, domain };
  });
  return { ...school, ms: Date.now() - started };
}
