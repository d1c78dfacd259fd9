// The adults around a family and the contact rows each child gets from them: who they
// are to the child, whether they hold parental responsibility, whether the child lives
// with them, and the order the office should call them in. The mix of households is a
// plausible one for an English primary school, not a statistic.
import { feminineSurname, type NameOrigin } from "./names.ts";
import type { Random } from "./random.ts";

export interface Adult {
  name: string;
  phone: string;
  email: string | null;
}

export interface ContactTemplate {
  adult: Adult;
  relationship: string;
  parentalResponsibility: boolean;
  livesWithPupil: boolean;
}

export interface Household {
  kind: HouseholdKind;
  /** The contacts, first to call first (at most three). */
  contacts: ContactTemplate[];
  /**
   * When the youngest child is a half-sibling, the stepfather is that child's father and
   * this is his (and the child's) surname.
   */
  halfSiblingSurname?: string;
  /** The heritage of a mother from outside the family's own (mixed-heritage families). */
  mothersOrigin?: NameOrigin;
  /** A surname the older children may be known by (a stepfather's). */
  stepSurname?: string;
}

export type HouseholdKind =
  | "two-parents"
  | "separated"
  | "single-parent"
  | "step-parent"
  | "same-sex-parents"
  | "kinship-carer"
  | "foster-carers";

const HOUSEHOLDS: readonly (readonly [HouseholdKind, number])[] = [
  ["two-parents", 56],
  ["separated", 15],
  ["single-parent", 9],
  ["step-parent", 8],
  ["same-sex-parents", 2],
  ["kinship-carer", 2.5],
  ["foster-carers", 1.5],
];

/** Fictional numbers: Ofcom keeps 07700 900000–900999 and 01632 960000–960999 for drama. */
export class PhoneBook {
  #mobiles: number[];
  #landlines: number[];
  #nextMobile = 0;
  #nextLandline = 0;

  constructor(random: Random) {
    const range = Array.from({ length: 1000 }, (_, i) => i);
    this.#mobiles = random.shuffle(range);
    this.#landlines = random.shuffle(range);
  }

  /** Each number once until all thousand are used (a big school then repeats them). */
  mobile(): string {
    const n = this.#mobiles[this.#nextMobile++ % 1000] as number;
    return `07700 900${String(n).padStart(3, "0")}`;
  }

  landline(): string {
    const n = this.#landlines[this.#nextLandline++ % 1000] as number;
    return `01632 960${String(n).padStart(3, "0")}`;
  }
}

/** Lower-case ASCII letters of a name, for email addresses (Wójcik → wojcik). */
export function emailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[łŁ]/g, "l")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

export class EmailBook {
  readonly #used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** A personal address at example.com or example.org (reserved for examples, RFC 2606). */
  personal(first: string, last: string): string {
    const f = emailPart(first);
    const l = emailPart(last);
    const local = this.random.weighted<string>([
      [`${f}.${l}`, 4],
      [`${f}${l}${this.random.int(1, 99)}`, 2],
      [`${f.slice(0, 1)}${l}`, 2],
      [`${f}_${l}`, 1],
      [`${f}${this.random.int(70, 99)}`, 1],
    ]);
    const domain = this.random.chance(0.6) ? "example.com" : "example.org";
    return this.unique(local, domain);
  }

  /** `local@domain`, with a number added if it is already taken. */
  unique(local: string, domain: string): string {
    let address = `${local}@${domain}`;
    for (let n = 2; this.#used.has(address); n++) address = `${local}${n}@${domain}`;
    this.#used.add(address);
    return address;
  }

  has(address: string): boolean {
    return this.#used.has(address);
  }
}

export interface FamilyContext {
  random: Random;
  phones: PhoneBook;
  emails: EmailBook;
  /** The heritage of the family's surname and the adults' names. */
  origin: NameOrigin;
  surname: string;
  /** Other origins, for an adult from outside the family's own heritage. */
  origins: readonly NameOrigin[];
  childCount: number;
}

function pickOrigin(random: Random, origins: readonly NameOrigin[]): NameOrigin {
  return random.weighted(origins.map((o) => [o, o.weight] as const));
}

/** Builds a household: the children's parents or carers and perhaps one more emergency contact. */
export function generateHousehold(context: FamilyContext): Household {
  const { random, phones, emails, origin, surname, origins } = context;

  const person = (
    sex: "F" | "M",
    options: { older?: boolean; from?: NameOrigin; surname?: string; emailChance?: number } = {},
  ): Adult & { surname: string } => {
    const from = options.from ?? origin;
    const list =
      sex === "F"
        ? options.older
          ? (from.olderWomen ?? from.women)
          : from.women
        : options.older
          ? (from.olderMen ?? from.men)
          : from.men;
    const first = random.pick(list);
    let last = options.surname ?? random.pick(from.surnames);
    if (sex === "F" && from.genderedSurnames) last = feminineSurname(last);
    const phone = options.older && random.chance(0.35) ? phones.landline() : phones.mobile();
    const email = random.chance(options.emailChance ?? 0.85) ? emails.personal(first, last) : null;
    return { name: `${first} ${last}`, phone, email, surname: last };
  };
  const mother = (from: NameOrigin = origin) => {
    const own = random.chance(from.mothersOwnSurname);
    const surnameOf =
      own && from.mothersSurnames && random.chance(0.6)
        ? random.pick(from.mothersSurnames)
        : own
          ? random.pick(from.surnames)
          : surname;
    return person("F", { from, surname: surnameOf });
  };
  const father = () => person("M", { surname });
  const contact = (
    adult: Adult,
    relationship: string,
    parentalResponsibility: boolean,
    livesWithPupil: boolean,
  ): ContactTemplate => ({ adult, relationship, parentalResponsibility, livesWithPupil });

  const kind = random.weighted(HOUSEHOLDS);
  const contacts: ContactTemplate[] = [];
  const household: Household = { kind, contacts };

  switch (kind) {
    case "two-parents": {
      // A mother from another heritage now and then: mixed-heritage families.
      const mothersOrigin = random.chance(0.06) ? pickOrigin(random, origins) : origin;
      if (mothersOrigin !== origin) household.mothersOrigin = mothersOrigin;
      const m = mother(mothersOrigin);
      const pair = [
        contact(m, "Mother", true, true),
        // Unmarried fathers not on the birth certificate have no parental responsibility.
        contact(father(), "Father", random.chance(0.97), true),
      ];
      contacts.push(...(random.chance(0.7) ? pair : pair.reverse()));
      break;
    }
    case "separated": {
      const mum = contact(mother(), "Mother", true, true);
      const dad = contact(father(), "Father", random.chance(0.93), false);
      if (random.chance(0.85)) contacts.push(mum, dad);
      // A father the child lives with has parental responsibility (a court order if not otherwise).
      else
        contacts.push(
          { ...dad, parentalResponsibility: true, livesWithPupil: true },
          { ...mum, livesWithPupil: false },
        );
      break;
    }
    case "single-parent":
      contacts.push(
        random.chance(0.9)
          ? contact(mother(), "Mother", true, true)
          : contact(father(), "Father", true, true),
      );
      break;
    case "step-parent": {
      if (random.chance(0.85)) {
        const step = person("M", {});
        contacts.push(
          contact(mother(), "Mother", true, true),
          contact(step, "Stepfather", random.chance(0.05), true),
        );
        if (random.chance(0.6)) contacts.push(contact(father(), "Father", true, false));
        if (context.childCount >= 2 && random.chance(0.35)) {
          household.halfSiblingSurname = step.surname;
        } else if (random.chance(0.25)) {
          household.stepSurname = step.surname;
        }
      } else {
        contacts.push(
          contact(father(), "Father", true, true),
          contact(person("F", {}), "Stepmother", false, true),
        );
        if (random.chance(0.6)) contacts.push(contact(mother(), "Mother", true, false));
      }
      break;
    }
    case "same-sex-parents": {
      const mothers = random.chance(0.75);
      const a = mothers ? mother() : father();
      const b = mothers ? mother() : person("M", {});
      const relationship = mothers ? "Mother" : "Father";
      contacts.push(contact(a, relationship, true, true), contact(b, relationship, true, true));
      break;
    }
    case "kinship-carer": {
      // A special guardianship or child arrangements order gives the carer parental
      // responsibility; the parent keeps theirs.
      const who = random.weighted<"grandparents" | "aunt" | "carer">([
        ["grandparents", 60],
        ["aunt", 25],
        ["carer", 15],
      ]);
      if (who === "grandparents") {
        contacts.push(contact(person("F", { older: true, surname }), "Grandmother", true, true));
        if (random.chance(0.6))
          contacts.push(contact(person("M", { older: true, surname }), "Grandfather", true, true));
      } else if (who === "aunt") {
        contacts.push(contact(person("F", {}), "Aunt", true, true));
      } else {
        contacts.push(contact(person("F", {}), "Carer", true, true));
      }
      // The child's mother, living elsewhere, is often a contact too.
      if (contacts.length === 1 || random.chance(0.5))
        contacts.push(contact(mother(), "Mother", true, false));
      break;
    }
    case "foster-carers": {
      // The local authority shares parental responsibility; foster carers have none.
      const carerOrigin = pickOrigin(random, origins);
      const carerSurname = random.pick(carerOrigin.surnames);
      contacts.push(
        contact(
          person("F", { from: carerOrigin, surname: carerSurname, emailChance: 1 }),
          "Foster carer",
          false,
          true,
        ),
      );
      if (random.chance(0.5))
        contacts.push(
          contact(
            person("M", { from: carerOrigin, surname: carerSurname, emailChance: 1 }),
            "Foster carer",
            false,
            true,
          ),
        );
      contacts.push(contact(mother(), "Mother", true, false));
      break;
    }
  }

  // Often one more person to ring in an emergency.
  if (contacts.length < 3 && random.chance(contacts.length === 1 ? 0.6 : 0.35)) {
    const extra = random.weighted<[string, "F" | "M", boolean]>([
      [["Grandmother", "F", true], 45],
      [["Grandfather", "M", true], 15],
      [["Aunt", "F", false], 25],
      [["Uncle", "M", false], 10],
      [["Family friend", "F", false], 5],
    ]);
    const [relationship, sex, older] = extra;
    const adult = person(sex, {
      older,
      surname: relationship === "Family friend" || random.chance(0.5) ? undefined : surname,
      emailChance: older ? 0.35 : 0.6,
    });
    contacts.push(contact(adult, relationship, false, false));
  }
  return household;
}
