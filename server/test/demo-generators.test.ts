// The generators behind the demo and the benchmarks, without a database: the same seed
// gives the same school, and the school looks like a real one.
import { describe, expect, it } from "vitest";
import { DEMO_INFANT_PLAN, DEMO_PRIMARY_PLAN } from "../src/demo/demo-school.ts";
import { generateRoster, type Roster } from "../src/demo/generate-roster.ts";
import { BOYS_NAMES, GIRLS_NAMES, NAME_ORIGINS, SURNAMES } from "../src/demo/names.ts";
import { Random } from "../src/demo/random.ts";
import { planForPupils } from "../src/demo/school-plan.ts";
import { ageOn, birthDateRange, schoolYearOf } from "../src/demo/school-year.ts";
import { isValidUpn, makeUpn, upnCheckLetter } from "../src/demo/upn.ts";
import { groupRoleKeys } from "../src/roster/install-taxonomy.ts";

const SCHOOL = "0b7e2f4c-94a4-4d55-9b0e-6d0a3a1f0001";
const options = {
  schoolId: SCHOOL,
  plan: DEMO_PRIMARY_PLAN,
  schoolYear: 2026,
  asOf: "2026-11-23",
  upn: { la: "999", establishment: "2001" },
};

describe("the seeded random generator", () => {
  it("repeats itself for a seed and differs between seeds", () => {
    const draw = (seed: string | number) => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.uint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw("1")).toEqual(draw(1));
  });

  it("gives forks their own streams and well-formed UUIDs", () => {
    const a = new Random("x");
    const before = a.fork("names").uint32();
    a.uint32();
    expect(a.fork("names").uint32()).toBe(before);
    const ids = Array.from({ length: 1000 }, () => a.uuid());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
  });

  it("spreads draws evenly enough", () => {
    const r = new Random(3);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[r.int(0, 9)]++;
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });
});

describe("school years", () => {
  it("knows which school year a date is in", () => {
    expect(schoolYearOf("2026-11-23")).toBe(2026);
    expect(schoolYearOf("2027-08-31")).toBe(2026);
    expect(schoolYearOf("2027-09-01")).toBe(2027);
  });

  it("puts children born 1 September 2021 – 31 August 2022 in Reception in 2026/27", () => {
    expect(birthDateRange(0, 2026)).toEqual({ from: "2021-09-01", to: "2022-08-31" });
    expect(birthDateRange(6, 2026)).toEqual({ from: "2015-09-01", to: "2016-08-31" });
    expect(ageOn("2016-08-31", "2026-08-31")).toBe(10);
    expect(ageOn("2016-09-01", "2026-08-31")).toBe(9);
  });
});

describe("UPNs", () => {
  it("computes the DfE check letter", () => {
    expect(upnCheckLetter("801200005001")).toBe("B");
    expect(isValidUpn("B801200005001")).toBe(true);
    expect(isValidUpn("A801200005001")).toBe(false);
    expect(makeUpn("801", "2000", 2005, 1)).toBe("B801200005001");
  });
});

describe("name lists", () => {
  it("have several hundred first names for each sex and a few hundred surnames", () => {
    expect(GIRLS_NAMES.length).toBeGreaterThanOrEqual(300);
    expect(BOYS_NAMES.length).toBeGreaterThanOrEqual(300);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(300);
    expect(NAME_ORIGINS.length).toBeGreaterThanOrEqual(10);
    for (const origin of NAME_ORIGINS) {
      for (const list of [origin.girls, origin.boys, origin.women, origin.men, origin.surnames]) {
        expect(new Set(list).size, origin.key).toBe(list.length);
      }
    }
  });
});

describe("the demo primary school's roll", () => {
  const roster: Roster = generateRoster({ ...options, seed: "tessera-demo/primary" });
  const ncyOf = new Map(roster.yearGroups.map((y) => [y.id, y.ncy]));

  it("is the same for the same seed, and different for another", () => {
    expect(generateRoster({ ...options, seed: "tessera-demo/primary" })).toEqual(roster);
    const other = generateRoster({ ...options, seed: "another" });
    expect(other.pupils.map((p) => p.legalFirstName)).not.toEqual(
      roster.pupils.map((p) => p.legalFirstName),
    );
  });

  it("keeps the children but changes the ids for another school", () => {
    const elsewhere = generateRoster({
      ...options,
      schoolId: "0b7e2f4c-94a4-4d55-9b0e-6d0a3a1f0002",
      seed: "tessera-demo/primary",
    });
    expect(elsewhere.pupils.map((p) => p.legalFirstName)).toEqual(
      roster.pupils.map((p) => p.legalFirstName),
    );
    const ids = new Set(roster.pupils.map((p) => p.id));
    expect(elsewhere.pupils.some((p) => ids.has(p.id))).toBe(false);
  });

  it("has 14 classes of 30, two in each year from Reception to Year 6, Year 3 Oak among them", () => {
    expect(roster.yearGroups.map((y) => y.name)).toEqual([
      "Reception",
      "Year 1",
      "Year 2",
      "Year 3",
      "Year 4",
      "Year 5",
      "Year 6",
    ]);
    expect(roster.classes).toHaveLength(14);
    expect(roster.classes.map((c) => c.name)).toContain("Year 3 Oak");
    expect(roster.pupils).toHaveLength(420);
    for (const c of roster.classes) {
      const pupils = roster.pupils.filter((p) => p.classId === c.id);
      expect(pupils).toHaveLength(30);
      expect(pupils.every((p) => p.yearGroupId === c.yearGroupId)).toBe(true);
    }
  });

  it("gives every child a birth date for their year, a sex, a valid unique UPN and an admission date", () => {
    for (const p of roster.pupils) {
      const ncy = ncyOf.get(p.yearGroupId!)!;
      const range = birthDateRange(ncy, 2026);
      expect(p.dateOfBirth >= range.from && p.dateOfBirth <= range.to).toBe(true);
      expect(ageOn(p.dateOfBirth, "2026-08-31")).toBe(ncy + 4);
      expect(["F", "M"]).toContain(p.sex);
      expect(isValidUpn(p.upn!)).toBe(true);
      expect(p.admittedOn! > p.dateOfBirth).toBe(true);
      expect(p.admittedOn! <= "2026-11-23").toBe(true);
      expect(p.onRoll).toBe(true);
    }
    expect(new Set(roster.pupils.map((p) => p.upn)).size).toBe(420);
    expect(new Set(roster.pupils.map((p) => p.misId)).size).toBe(420);
    const girls = roster.pupils.filter((p) => p.sex === "F").length;
    expect(girls).toBeGreaterThan(170);
    expect(girls).toBeLessThan(250);
    expect(roster.pupils.some((p) => p.preferredFirstName)).toBe(true);
  });

  it("gives a quarter to a third of pupils a brother or sister, sharing a contact", () => {
    const withSibling = new Set(roster.siblings.flatMap((s) => [s.pupilId, s.siblingId]));
    expect(withSibling.size / roster.pupils.length).toBeGreaterThanOrEqual(0.25);
    expect(withSibling.size / roster.pupils.length).toBeLessThanOrEqual(0.35);
    const contactsOf = (id: string) =>
      new Set(roster.contacts.filter((c) => c.pupilId === id).map((c) => c.name));
    for (const s of roster.siblings) {
      expect(s.pupilId < s.siblingId).toBe(true);
      const mine = contactsOf(s.pupilId);
      expect([...contactsOf(s.siblingId)].some((name) => mine.has(name))).toBe(true);
    }
  });

  it("gives every pupil one to three contacts in priority order, at least one with parental responsibility", () => {
    for (const p of roster.pupils) {
      const mine = roster.contacts.filter((c) => c.pupilId === p.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(3);
      expect(mine.map((c) => c.priority)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.some((c) => c.parentalResponsibility)).toBe(true);
    }
    for (const c of roster.contacts) {
      expect(c.phone).toMatch(/^(07700 900|01632 960)\d{3}$/);
      if (c.email) expect(c.email).toMatch(/^[a-z0-9._]+@example\.(com|org)$/);
      if (c.relationship === "Stepfather" || c.relationship === "Foster carer") {
        expect(c.livesWithPupil).toBe(true);
      }
    }
  });
});

describe("school plans", () => {
  it("puts the demo infant school's 60 pupils in two mixed-age classes", () => {
    const infant = generateRoster({ ...options, plan: DEMO_INFANT_PLAN, seed: "infant" });
    expect(infant.pupils).toHaveLength(60);
    expect(infant.classes.map((c) => c.yearGroupId)).toEqual([null, null]);
    expect(infant.yearGroups.map((y) => y.ncy)).toEqual([0, 1, 2]);
  });

  it("sizes large schools exactly", () => {
    for (const phase of ["primary", "secondary"] as const) {
      for (const pupils of [100, 1999, 2000]) {
        const plan = planForPupils(pupils, phase);
        const seats = plan.classes.flatMap((c) => c.seats);
        expect(seats.reduce((n, s) => n + s.pupils, 0)).toBe(pupils);
        expect(Math.max(...seats.map((s) => s.pupils))).toBeLessThanOrEqual(30);
        expect(new Set(plan.classes.map((c) => c.name)).size).toBe(plan.classes.length);
      }
    }
    const big = generateRoster({ ...options, plan: planForPupils(2000, "secondary"), seed: 5 });
    expect(big.pupils).toHaveLength(2000);
    expect(new Set(big.pupils.map((p) => p.upn)).size).toBe(2000);
  });
});

describe("alert group roles", () => {
  it("makes the DSL team the DSLs and deputies, and refuses a role it does not know", () => {
    expect(groupRoleKeys(["dsl"])).toEqual(["dsl", "deputy_dsl"]);
    expect(groupRoleKeys(["head", "slt"])).toEqual(["head", "slt"]);
    expect(() => groupRoleKeys(["caretaker"])).toThrow(/unknown role/);
  });
});
