// The demo: on an empty database, `npm start` creates Demo Trust with Demo Primary School
// (about 420 pupils in 14 classes, with five years of records) and Demo Infant School
// (about 60, a handful of records), their staff, and the sign-ins of API.md "The demo
// school". Everything is generated from a fixed seed, so every new demo has the same
// children in the same classes with the same histories (dated back from the day it is
// made). Demo only: these accounts share a published password and TOTP secret.
import { sql } from "drizzle-orm";
import { hashPassword } from "../auth/password.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { accounts, agreementAcceptances, trustMemberships, trusts } from "../db/schema/index.ts";
import { DEFAULT_AGREEMENT } from "../roster/school-settings.ts";
import { generateStaff, type StaffSeed } from "./generate-staff.ts";
import { type PopulatedSchool, populateSchool } from "./populate-school.ts";
import { Random } from "./random.ts";
import { primaryPlan, type SchoolPlan } from "./school-plan.ts";
import { isoDate, schoolYearOf } from "./school-year.ts";

export const DEMO_PASSWORD = "Tessera-Demo-2026";
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
export const DEMO_DOMAIN = "demo.tessera.school";
export const DEMO_SEED = "tessera-demo";

export const DEMO_TRUST = "Demo Trust";
export const DEMO_PRIMARY = "Demo Primary School";
export const DEMO_INFANT = "Demo Infant School";

export interface DemoSignIn {
  email: string;
  description: string;
  school: string;
}

/** The sign-ins of API.md, in its order. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
  {
    email: "dsl@demo.tessera.school",
    description: "designated safeguarding lead",
    school: DEMO_PRIMARY,
  },
  { email: "deputy@demo.tessera.school", description: "deputy DSL", school: DEMO_PRIMARY },
  { email: "head@demo.tessera.school", description: "headteacher", school: DEMO_PRIMARY },
  { email: "sendco@demo.tessera.school", description: "SENDCo", school: DEMO_PRIMARY },
  {
    email: "pastoral@demo.tessera.school",
    description: "pastoral / attendance",
    school: DEMO_PRIMARY,
  },
  {
    email: "teacher@demo.tessera.school",
    description: "class teacher of Year 3 Oak",
    school: DEMO_PRIMARY,
  },
  {
    email: "ta@demo.tessera.school",
    description: "teaching assistant, no class",
    school: DEMO_PRIMARY,
  },
  {
    email: "office@demo.tessera.school",
    description: "administrator (no pupil records)",
    school: DEMO_PRIMARY,
  },
  {
    email: "infant.dsl@demo.tessera.school",
    description: "designated safeguarding lead of Demo Infant School only",
    school: DEMO_INFANT,
  },
  {
    email: "trust.dsl@demo.tessera.school",
    description: "trust DSL: DSL rights in both schools",
    school: DEMO_TRUST,
  },
];

/** The role holders of Demo Primary (API.md); class teachers and assistants are generated. */
export const PRIMARY_PEOPLE: readonly StaffSeed[] = [
  {
    email: "dsl@demo.tessera.school",
    name: "Sarah Mitchell",
    roles: ["staff", "dsl"],
    jobTitle: "Designated safeguarding lead",
  },
  {
    email: "deputy@demo.tessera.school",
    name: "Imran Hussain",
    roles: ["staff", "deputy_dsl"],
    jobTitle: "Deputy designated safeguarding lead",
  },
  {
    email: "head@demo.tessera.school",
    name: "Helen Whitfield",
    roles: ["staff", "head"],
    jobTitle: "Headteacher",
  },
  {
    email: "sendco@demo.tessera.school",
    name: "Priya Sharma",
    roles: ["staff", "sendco"],
    jobTitle: "SENDCo",
  },
  {
    email: "pastoral@demo.tessera.school",
    name: "Donna Campbell",
    roles: ["staff", "pastoral", "attendance"],
    jobTitle: "Pastoral and attendance lead",
  },
  {
    email: "teacher@demo.tessera.school",
    name: "Tom Fletcher",
    roles: ["staff", "class_teacher"],
    jobTitle: "Class teacher, Year 3 Oak",
    teaches: ["Year 3 Oak"],
  },
  {
    email: "ta@demo.tessera.school",
    name: "Agnieszka Nowak",
    roles: ["staff"],
    jobTitle: "Teaching assistant",
    // No class of her own (API.md): she mostly works in Year 3 Oak, and on playground duty.
    supports: ["Year 3 Oak"],
  },
  {
    email: "office@demo.tessera.school",
    name: "Karen Lewis",
    roles: ["staff", "administrator"],
    jobTitle: "School business manager",
  },
];

const INFANT_PEOPLE: readonly StaffSeed[] = [
  {
    email: "infant.dsl@demo.tessera.school",
    name: "Grace Okafor",
    roles: ["staff", "dsl"],
    jobTitle: "Designated safeguarding lead",
  },
];

const TRUST_DSL = { email: "trust.dsl@demo.tessera.school", name: "Rebecca Hall" };

/** Demo Primary: Reception to Year 6, two classes of 30 in each year; Year 3 Oak among them. */
export const DEMO_PRIMARY_PLAN: SchoolPlan = primaryPlan(2, 30);

/**
 * Demo Infant: Reception to Year 2 in two mixed-age classes of 30, as small infant
 * schools arrange them (infant classes may not exceed 30).
 */
export const DEMO_INFANT_PLAN: SchoolPlan = {
  ncys: [0, 1, 2],
  entryNcy: 0,
  classes: [
    {
      name: "Reception/Year 1 Willow",
      seats: [
        { ncy: 0, pupils: 20 },
        { ncy: 1, pupils: 10 },
      ],
    },
    {
      name: "Year 1/2 Hazel",
      seats: [
        { ncy: 1, pupils: 10 },
        { ncy: 2, pupils: 20 },
      ],
    },
  ],
};

/** Demo Primary's records are as many as its roll gives (about 2,000–3,000); the infant school has a handful. */
export const DEMO_INFANT_RECORDS = 24;

const DEMO_LOCK = 7_420_420_001; // pg_advisory_xact_lock key: one demo at a time

async function anySchool(tx: Tx): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    tx,
    sql`select exists (select 1 from schools) as found`,
  );
  return rows[0]?.found === true;
}

export interface DemoOptions {
  /** Today, for ages, admissions and the school year (the clock when not given). */
  today?: Date;
}

/**
 * Creates the demo trust, schools and people if the database has no school yet, in one
 * transaction; true if it did, false if a school already existed.
 */
export async function ensureDemo(db: Database, options: DemoOptions = {}): Promise<boolean> {
  if (await db.owner(anySchool)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = options.today ?? new Date();
  return db.owner(async (tx) => {
    // Two processes starting on one empty database must not both create it.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
    if (await anySchool(tx)) return false;
    await createDemo(tx, passwordHash, today);
    return true;
  });
}

interface Demo {
  trustId: string;
  primary: PopulatedSchool;
  infant: PopulatedSchool;
  trustDslAccountId: string;
}

async function createDemo(tx: Tx, passwordHash: string, today: Date): Promise<Demo> {
  const random = new Random(DEMO_SEED);
  const schoolYear = schoolYearOf(today);
  const asOf = isoDate(today);
  const used = new Set<string>([...DEMO_SIGN_INS.map((s) => s.email)]);

  const [trust] = await tx.insert(trusts).values({ name: DEMO_TRUST }).returning({ id: trusts.id });
  if (!trust) throw new Error("the demo trust was not created");

  const primaryClasses = DEMO_PRIMARY_PLAN.classes.map((c) => c.name);
  const primaryStaff: StaffSeed[] = [
    ...PRIMARY_PEOPLE,
    ...generateStaff(random.fork("primary-staff"), {
      domain: DEMO_DOMAIN,
      classTeachers: primaryClasses.filter((c) => c !== "Year 3 Oak"),
      teachingAssistants: 8,
      lunchtimeSupervisors: 4,
      used,
    }),
  ];
  const common = { passwordHash, totpSecret: DEMO_TOTP_SECRET, now: today, schoolYear, asOf };
  const primary = await populateSchool(tx, {
    ...common,
    name: DEMO_PRIMARY,
    urn: "999001",
    trustId: trust.id,
    seed: `${DEMO_SEED}/primary`,
    plan: DEMO_PRIMARY_PLAN,
    upn: { la: "999", establishment: "2001" },
    staff: primaryStaff,
    records: {},
  });

  const infantStaff: StaffSeed[] = [
    ...INFANT_PEOPLE,
    ...generateStaff(random.fork("infant-staff"), {
      domain: DEMO_DOMAIN,
      classTeachers: DEMO_INFANT_PLAN.classes.map((c) => c.name),
      teachingAssistants: 1,
      lunchtimeSupervisors: 0,
      used,
    }),
  ];
  const infant = await populateSchool(tx, {
    ...common,
    name: DEMO_INFANT,
    // The infant school has Hide screen come back only with the password (a school
    // setting), so the demo shows both ways.
    settings: { hideScreenReturn: "password" },
    urn: "999002",
    trustId: trust.id,
    seed: `${DEMO_SEED}/infant`,
    plan: DEMO_INFANT_PLAN,
    upn: { la: "999", establishment: "2002" },
    staff: infantStaff,
    records: { count: DEMO_INFANT_RECORDS },
  });

  const [trustDsl] = await tx
    .insert(accounts)
    .values({
      email: TRUST_DSL.email,
      name: TRUST_DSL.name,
      passwordHash,
      totpSecret: DEMO_TOTP_SECRET,
      trainingCompletedAt: today,
    })
    .returning({ id: accounts.id });
  if (!trustDsl) throw new Error("the trust DSL was not created");
  await tx
    .insert(trustMemberships)
    .values({ trustId: trust.id, accountId: trustDsl.id, roles: ["trust_dsl"] });
  await tx.insert(agreementAcceptances).values(
    [primary, infant].map((school) => ({
      schoolId: school.schoolId,
      accountId: trustDsl.id,
      version: DEFAULT_AGREEMENT.version,
      acceptedAt: today,
    })),
  );

  return { trustId: trust.id, primary, infant, trustDslAccountId: trustDsl.id };
}
