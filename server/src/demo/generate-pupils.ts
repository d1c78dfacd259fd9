// Pupils, their siblings and their contacts, as rows, from a seed: pure, so it can be
// tested without a database and gives the same school every time.
//
// Families come first. Each family has a heritage, a household (generate-contacts.ts) and
// one to four children in the school, placed in year groups with room for them; about a
// third of pupils end up with a brother or sister in the school, as in a typical primary.
import { EmailBook, generateHousehold, PhoneBook } from "./generate-contacts.ts";
import {
  ENGLISH_ORIGIN,
  feminineSurname,
  NAME_ORIGINS,
  type NameOrigin,
  NICKNAMES,
} from "./names.ts";
import type { Random } from "./random.ts";
import type { ContactRow, PupilRow, SiblingRow } from "./rows.ts";
import {
  addDays,
  birthDateRange,
  daysBetween,
  firstDayOfTerm,
  type IsoDate,
  nextWeekday,
} from "./school-year.ts";
import { makeUpn } from "./upn.ts";

/** Room for `pupils` more pupils of year `ncy` in a class. */
export interface Place {
  classId: string;
  yearGroupId: string;
  ncy: number;
  pupils: number;
}

export interface GeneratePupilsOptions {
  schoolId: string;
  /** Draws names, families and dates. */
  random: Random;
  /** Draws row ids (kept apart so ids can differ between schools generated from one seed). */
  ids: Random;
  places: readonly Place[];
  /** The calendar year the current school year began in (2026 for 2026/27). */
  schoolYear: number;
  /** The year pupils normally join in: 0 (Reception) or 7. */
  entryNcy: number;
  /** The latest admission date; the first day of the autumn term when not given. */
  asOf?: IsoDate;
  /** The school's local authority and establishment numbers, for UPNs (use LA 999: no real LA has it). */
  upn: { la: string; establishment: string };
  /** The first admission number (the MIS id), 1001 when not given. */
  firstAdmissionNumber?: number;
}

export interface GeneratedPupils {
  pupils: PupilRow[];
  siblings: SiblingRow[];
  contacts: ContactRow[];
}

// Children per family in the school: 1 for most, 2 for some, 3 or 4 for a few.
const CHILDREN_PER_FAMILY: readonly (readonly [number, number])[] = [
  [1, 84],
  [2, 13],
  [3, 2.5],
  [4, 0.5],
];

// Local authority numbers for the schools in-year arrivals came from. No local authority
// has a number from 990 up, so a generated UPN can never be a real child's.
const OTHER_LAS = ["990", "991", "992", "993", "994", "995", "996", "997", "998"];

interface Seat {
  place: Place;
  left: number;
}

export function generatePupils(options: GeneratePupilsOptions): GeneratedPupils {
  const { random, ids, schoolId, schoolYear, entryNcy } = options;
  const asOf = options.asOf ?? firstDayOfTerm(schoolYear);
  const phones = new PhoneBook(random.fork("phones"));
  const emails = new EmailBook(random.fork("emails"));

  const seats: Seat[] = options.places.map((place) => ({ place, left: place.pupils }));
  const seatsLeft = (ncy: number) =>
    seats.reduce((n, s) => n + (s.place.ncy === ncy ? s.left : 0), 0);
  const ncys = [...new Set(options.places.map((p) => p.ncy))];
  let total = seats.reduce((n, s) => n + s.left, 0);

  const pupils: PupilRow[] = [];
  const siblings: SiblingRow[] = [];
  const contacts: ContactRow[] = [];
  const upns = new Set<string>();
  const serials = new Map<number, number[]>();

  // A pupil's UPN: from this school when they joined at the usual time, otherwise from
  // the school that first admitted them.
  const upnFor = (entryYear: number, fromHere: boolean): string => {
    for (;;) {
      let upn: string;
      if (fromHere) {
        let pool = serials.get(entryYear);
        if (!pool) {
          pool = random.shuffle(Array.from({ length: 1000 }, (_, i) => i));
          serials.set(entryYear, pool);
        }
        const serial = pool.pop();
        if (serial === undefined) return upnFor(entryYear, false);
        upn = makeUpn(options.upn.la, options.upn.establishment, entryYear, serial);
      } else {
        const establishment = String(
          random.int(entryNcy >= 7 ? 4000 : 2000, entryNcy >= 7 ? 5999 : 3999),
        );
        upn = makeUpn(random.pick(OTHER_LAS), establishment, entryYear, random.int(0, 999));
      }
      if (!upns.has(upn)) {
        upns.add(upn);
        return upn;
      }
    }
  };

  const takeSeat = (ncy: number, avoidClass?: string): Place => {
    const open = seats.filter((s) => s.place.ncy === ncy && s.left > 0);
    const preferred = open.filter((s) => s.place.classId !== avoidClass);
    const from = preferred.length > 0 ? preferred : open;
    const seat = random.weighted(from.map((s) => [s, s.left] as const));
    seat.left--;
    total--;
    return seat.place;
  };

  const origins = NAME_ORIGINS;
  while (total > 0) {
    // Year groups for the children, weighted by the room left so years fill evenly.
    const size = random.weighted(CHILDREN_PER_FAMILY);
    const childNcys: number[] = [];
    for (let i = 0; i < size; i++) {
      const candidates = ncys.filter((n) => !childNcys.includes(n) && seatsLeft(n) > 0);
      if (candidates.length === 0) break;
      childNcys.push(random.weighted(candidates.map((n) => [n, seatsLeft(n)] as const)));
    }
    // Now and then two of them are twins, in the same year (in different classes if possible).
    const twinNcy = childNcys.length >= 2 && random.chance(0.04) ? (childNcys[0] as number) : null;
    if (twinNcy !== null && seatsLeft(twinNcy) >= 2) childNcys[1] = twinNcy;
    if (childNcys.length === 0) break;
    childNcys.sort((a, b) => b - a); // eldest first

    const origin = random.weighted(origins.map((o) => [o, o.weight] as const));
    const surname = random.pick(origin.surnames);
    const household = generateHousehold({
      random,
      phones,
      emails,
      origin,
      surname,
      origins,
      childCount: childNcys.length,
    });
    // Children's given names usually follow the family's heritage; not always.
    const namesFrom: NameOrigin =
      household.mothersOrigin && random.chance(0.5)
        ? household.mothersOrigin
        : origin !== ENGLISH_ORIGIN && random.chance(0.15)
          ? ENGLISH_ORIGIN
          : origin;
    // Some families moved into the area: their children joined when they arrived.
    const arrived = random.chance(0.12)
      ? nextWeekday(
          addDays(
            firstDayOfTerm(schoolYear - 6),
            random.int(0, Math.max(0, daysBetween(firstDayOfTerm(schoolYear - 6), asOf))),
          ),
        )
      : null;

    const familyIds: string[] = [];
    const usedNames = new Set<string>();
    const births: IsoDate[] = [];
    let twinOf: { dateOfBirth: IsoDate; classId: string } | null = null;

    childNcys.forEach((ncy, index) => {
      const id = ids.uuid();
      const sex = random.chance(0.512) ? "M" : "F";
      const names = sex === "M" ? namesFrom.boys : namesFrom.girls;
      let first = random.pick(names);
      for (let tries = 0; usedNames.has(first) && tries < 20; tries++) first = random.pick(names);
      usedNames.add(first);

      const isTwin = ncy === twinNcy && twinOf !== null;
      let dateOfBirth: IsoDate;
      if (isTwin && twinOf) {
        dateOfBirth = twinOf.dateOfBirth;
      } else {
        const range = birthDateRange(ncy, schoolYear);
        const span = daysBetween(range.from, range.to);
        dateOfBirth = addDays(range.from, random.int(0, span));
        // Brothers and sisters are born at least ten months apart.
        for (
          let tries = 0;
          tries < 30 && births.some((b) => Math.abs(daysBetween(b, dateOfBirth)) < 300);
          tries++
        ) {
          dateOfBirth = addDays(range.from, random.int(0, span));
        }
      }
      births.push(dateOfBirth);

      const isHalfSibling =
        household.halfSiblingSurname !== undefined && index === childNcys.length - 1 && !isTwin;
      let lastName = isHalfSibling ? (household.halfSiblingSurname ?? surname) : surname;
      if (sex === "F" && origin.genderedSurnames) lastName = feminineSurname(lastName);
      let preferredLastName: string | null = null;
      if (!isHalfSibling && household.stepSurname) preferredLastName = household.stepSurname;
      const nicknames = NICKNAMES[first];
      const preferredFirstName = nicknames && random.chance(0.4) ? random.pick(nicknames) : null;

      const place = takeSeat(ncy, isTwin ? twinOf?.classId : undefined);
      if (ncy === twinNcy && !isTwin) twinOf = { dateOfBirth, classId: place.classId };

      const usualEntryYear = schoolYear - Math.max(0, ncy - entryNcy);
      const usualEntry = firstDayOfTerm(usualEntryYear);
      const joinedLate = arrived !== null && arrived > usualEntry;
      const admittedOn = joinedLate ? arrived : usualEntry;
      // A late joiner brings the UPN their first school gave them, unless this is their
      // first school in England (arrived from abroad): then it allocates one.
      const upn =
        joinedLate && random.chance(0.7)
          ? upnFor(usualEntryYear, false)
          : upnFor(joinedLate ? Number(admittedOn.slice(0, 4)) : usualEntryYear, true);

      pupils.push({
        schoolId,
        id,
        legalFirstName: first,
        legalLastName: lastName,
        preferredFirstName,
        preferredLastName,
        dateOfBirth,
        sex,
        upn,
        misId: null,
        yearGroupId: place.yearGroupId,
        classId: place.classId,
        onRoll: true,
        admittedOn,
        leftOn: null,
      });
      familyIds.push(id);

      // The youngest of a mother's later family: the stepfather is this child's father.
      const templates = isHalfSibling
        ? household.contacts
            .filter((c) => c.relationship !== "Father")
            .map((c) =>
              c.relationship === "Stepfather"
                ? { ...c, relationship: "Father", parentalResponsibility: true }
                : c,
            )
        : household.contacts;
      templates.forEach((t, i) => {
        contacts.push({
          schoolId,
          id: ids.uuid(),
          pupilId: id,
          name: t.adult.name,
          relationship: t.relationship,
          parentalResponsibility: t.parentalResponsibility,
          phone: t.adult.phone,
          email: t.adult.email,
          priority: i + 1,
          livesWithPupil: t.livesWithPupil,
        });
      });
    });

    for (let i = 0; i < familyIds.length; i++) {
      for (let j = i + 1; j < familyIds.length; j++) {
        const [a, b] = [familyIds[i] as string, familyIds[j] as string].sort();
        siblings.push({ schoolId, pupilId: a as string, siblingId: b as string });
      }
    }
  }

  // Admission numbers in order of admission, with gaps where pupils have since left.
  let admissionNumber = options.firstAdmissionNumber ?? 1001;
  const byAdmission = pupils
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => (a.admittedOn ?? "").localeCompare(b.admittedOn ?? "") || i - j);
  for (const [pupil] of byAdmission) {
    pupil.misId = String(admissionNumber).padStart(6, "0");
    admissionNumber += random.weighted([
      [1, 84],
      [2, 10],
      [3, 5],
    ]);
  }

  return { pupils, siblings, contacts };
}
