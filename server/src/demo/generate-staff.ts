// Staff people for demo and benchmark schools: names of the same mix as the families,
// and work email addresses of the form firstname.lastname@domain.
import type { SchoolRole } from "../access/roles.ts";
import { emailPart } from "./generate-contacts.ts";
import { feminineSurname, NAME_ORIGINS } from "./names.ts";
import type { Random } from "./random.ts";

export interface StaffSeed {
  email: string;
  name: string;
  roles: SchoolRole[];
  jobTitle: string;
  /** Names of the classes this person teaches. */
  teaches?: string[];
  /** Names of the classes a teaching assistant mostly works in (demo records only). */
  supports?: string[];
}

/** A staff name: adults of the parents' generation, or older for some. */
export function staffName(random: Random): string {
  const origin = random.weighted(NAME_ORIGINS.map((o) => [o, o.weight] as const));
  const female = random.chance(0.75); // most primary school staff are women
  const older = random.chance(0.25);
  const first = random.pick(
    female
      ? older
        ? (origin.olderWomen ?? origin.women)
        : origin.women
      : older
        ? (origin.olderMen ?? origin.men)
        : origin.men,
  );
  let last = random.pick(origin.surnames);
  if (female && origin.genderedSurnames) last = feminineSurname(last);
  return `${first} ${last}`;
}

/** firstname.lastname@domain, numbered when the address is taken. */
export function staffEmail(name: string, domain: string, used: Set<string>): string {
  const parts = name.split(" ");
  const local = `${emailPart(parts[0] ?? "")}.${emailPart(parts.slice(1).join(""))}`;
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}

export interface StaffPlan {
  domain: string;
  /** One class teacher for each of these classes. */
  classTeachers: readonly string[];
  teachingAssistants: number;
  lunchtimeSupervisors: number;
  /** Addresses already taken (updated as addresses are given out). */
  used: Set<string>;
}

/** Class teachers, teaching assistants and lunchtime supervisors, with generated names. */
export function generateStaff(random: Random, plan: StaffPlan): StaffSeed[] {
  const person = (roles: SchoolRole[], jobTitle: string, teaches?: string[]): StaffSeed => {
    const name = staffName(random);
    return {
      name,
      email: staffEmail(name, plan.domain, plan.used),
      roles,
      jobTitle,
      ...(teaches ? { teaches } : {}),
    };
  };
  return [
    ...plan.classTeachers.map((c) =>
      person(["staff", "class_teacher"], `Class teacher, ${c}`, [c]),
    ),
    ...Array.from({ length: plan.teachingAssistants }, () =>
      person(["staff"], "Teaching assistant"),
    ),
    ...Array.from({ length: plan.lunchtimeSupervisors }, () =>
      person(["staff"], "Lunchtime supervisor"),
    ),
  ];
}
