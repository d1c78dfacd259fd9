// Five years of a school's records, as rows: incidents with their revisions, current
// state, events (reviewed, entered in error), alerts and alert reads, and the number the
// school's counter has reached. Pure: the same options give the same rows.
//
// The shape is a real primary school's. Most children have no records or a few (a
// graze, a falling-out, a phone call home); a few in ten have several; about one in
// twenty has a long history that steps up over the years from wellbeing worries to
// concerns staff raise, then early help, child in need and child protection records the
// DSL writes, and their brothers and sisters share the home matters. Staff choose only
// categories anyone may; the DSL team uses the DSL-only ones. Records happen on school
// days in school hours (home matters in the evening or at the weekend, recorded the next
// school day), are written minutes or hours later (a few days later now and then), and
// are numbered in the order they were written. Nearly all but the last few days' are
// reviewed; some were edited before review, a handful entered in error. The DSL team is
// alerted to every one; most alerts more than a week old have been read.
import type { StoredBodyMap } from "../incidents/body-map.ts";
import { BODY_REGIONS } from "../incidents/body-map.ts";
import {
  type AuthorKind,
  type IncidentTemplate,
  type MarkText,
  type Pool,
  SEQUENCES,
  TEMPLATES,
  type TemplateContext,
  type Theme,
  type When,
} from "./incident-templates.ts";
import { Random } from "./random.ts";
import type {
  AlertReadRow,
  AlertRow,
  IncidentCurrentRow,
  IncidentEventRow,
  IncidentRevisionRow,
  IncidentRow,
} from "./rows.ts";
import {
  dayAndMonth,
  hhmm,
  isSchoolDay,
  schoolDaysBetween,
  ukTime,
  wallClock,
  weekdayName,
} from "./school-calendar.ts";
import { addDays, firstDayOfTerm, type IsoDate, schoolYearOf } from "./school-year.ts";

export interface RecordPupil {
  id: string;
  /** The name the child goes by. */
  firstName: string;
  sex: string;
  /** National curriculum year now. */
  ncy: number;
  classId: string | null;
  admittedOn: IsoDate | null;
}

export interface RecordClass {
  id: string;
  name: string;
  /** The years it teaches (more than one in a mixed-age class). */
  ncys: readonly number[];
}

export interface RecordStaff {
  accountId: string;
  name: string;
  roles: readonly string[];
  jobTitle?: string | null;
  /** Classes they teach, and (teaching assistants) support. */
  teaches?: readonly string[];
  supports?: readonly string[];
}

export interface RecordCategory {
  id: string;
  name: string;
  area: string;
  dslOnly: boolean;
  parentId: string | null;
  hidden?: boolean;
}

export interface RecordGroup {
  id: string;
  name: string;
  alertedOnEveryIncident: boolean;
  /** Account ids of its members. */
  memberIds: readonly string[];
}

export interface GenerateIncidentsOptions {
  schoolId: string;
  seed: string | number;
  /** The clock: nothing is recorded after it. */
  now: Date;
  /** How many years back the records go (5). */
  years?: number;
  /** Exactly this many incidents; a realistic number for the roll when not given. */
  count?: number;
  pupils: readonly RecordPupil[];
  siblings: readonly { pupilId: string; siblingId: string }[];
  classes: readonly RecordClass[];
  staff: readonly RecordStaff[];
  categories: readonly RecordCategory[];
  agencies: readonly { id: string; name: string }[];
  groups: readonly RecordGroup[];
}

export interface GeneratedIncidents {
  incidents: IncidentRow[];
  revisions: IncidentRevisionRow[];
  current: IncidentCurrentRow[];
  events: IncidentEventRow[];
  alerts: AlertRow[];
  alertReads: AlertReadRow[];
  /** The school's incident counter: the highest number given. */
  lastNumber: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SCHOOL_DAYS_A_YEAR = 190;

type Tier = "few" | "several" | "long";
type Level = "early" | "cin" | "cp" | "cla";
type Kind =
  | "dsl"
  | "deputy"
  | "head"
  | "sendco"
  | "pastoral"
  | "teacher"
  | "ta"
  | "lunch"
  | "admin";

interface Person {
  accountId: string;
  name: string;
  kind: Kind;
  dslTeam: boolean;
}

interface Carer {
  word: string;
  he: string;
  him: string;
  his: string;
}

interface Child {
  pupil: RecordPupil;
  /** Index in `days` of the first school day in the window. */
  first: number;
  years: number;
  tier: Tier;
  theme: Theme | null;
  level: Level;
  count: number;
  /** How many of them are this school year's (what a demo user sees first). */
  recent: number;
  send: boolean;
  asthma: boolean;
  carer: Carer;
  /** Which of its year's classes the child's class is (0 for the first). */
  slot: number;
  siblings: Child[];
  progress: Map<Pool, number>;
}

interface Spec {
  child: Child;
  day: number;
  template: IncidentTemplate;
  /** The brother's or sister's record this one was written alongside. */
  with?: Spec;
  shared: boolean;
  draft?: Draft;
}

interface Draft {
  spec: Spec;
  id: string;
  author: Person;
  recordedBy: Person;
  occurredAt: Date;
  recordedAt: Date;
  account: string;
  location: string | null;
  categoryIds: string[];
  linked: Child[];
  agencyIds: string[];
  status: "open" | "closed";
  bodyMap: StoredBodyMap | null;
  toldDsl: { told: boolean; who?: string; when?: string } | null;
  /** The record this one repeats (it was submitted twice). */
  duplicateOf?: Draft;
  wrongPupil?: boolean;
  number: number;
}

const THEMES: readonly (readonly [Theme, number])[] = [
  ["neglect", 25],
  ["domestic", 25],
  ["physical", 12],
  ["behaviour", 20],
  ["emotional", 10],
  ["care", 8],
];

const LEVELS: readonly (readonly [Level, number])[] = [
  ["early", 30],
  ["cin", 35],
  ["cp", 35],
];

const CARERS: readonly (readonly [Carer, number])[] = [
  [{ word: "mum", he: "she", him: "her", his: "her" }, 64],
  [{ word: "dad", he: "he", him: "him", his: "his" }, 22],
  [{ word: "nan", he: "she", him: "her", his: "her" }, 8],
  [{ word: "grandad", he: "he", him: "him", his: "his" }, 2],
  [{ word: "aunt", he: "she", him: "her", his: "her" }, 4],
];

const ABUSE: Record<Theme, string> = {
  neglect: "neglect",
  domestic: "emotional abuse",
  physical: "physical abuse",
  behaviour: "emotional abuse",
  emotional: "emotional abuse",
  care: "neglect",
};

const MARK_WORDS: Record<string, string> = {
  Bruise: "bruise",
  Cut: "cut",
  Graze: "graze",
  Scratch: "scratch",
  Burn: "burn",
  Bite: "bite mark",
  Swelling: "swelling",
  Redness: "red mark",
  Scar: "scar",
  "Mark (other)": "mark",
};

const FRONT: readonly string[] = BODY_REGIONS.front;

function pronouns(sex: string) {
  return sex === "F"
    ? { he: "she", him: "her", his: "her" }
    : sex === "M"
      ? { he: "he", him: "him", his: "his" }
      : { he: "they", him: "them", his: "their" };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "dining hall" for "Dining hall", but "KS2 playground" as it is. */
function placeWords(location: string): string {
  const second = location.charAt(1);
  return second === second.toUpperCase() && second !== second.toLowerCase()
    ? location
    : location.charAt(0).toLowerCase() + location.slice(1);
}

function staffKind(s: RecordStaff): Kind {
  const has = (role: string) => s.roles.includes(role);
  if (has("dsl")) return "dsl";
  if (has("deputy_dsl")) return "deputy";
  if (has("head")) return "head";
  if (has("sendco")) return "sendco";
  if (has("pastoral") || has("attendance")) return "pastoral";
  if (has("administrator")) return "admin";
  if (has("class_teacher") || (s.teaches?.length ?? 0) > 0) return "teacher";
  if (/lunch|midday/i.test(s.jobTitle ?? "")) return "lunch";
  return "ta";
}

/** Cumulative weights, for many weighted picks from one long list. */
function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((w) => {
    total += w;
    return total;
  });
}

function pickCumulative(r: Random, sums: readonly number[]): number {
  const total = sums.at(-1) ?? 0;
  const roll = r.next() * total;
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 0) > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function generateIncidents(options: GenerateIncidentsOptions): GeneratedIncidents {
  const { schoolId, now } = options;
  const random = new Random(options.seed);
  const plan = random.fork("plan");
  const write = random.fork("write");
  const later = random.fork("afterwards");
  const ids = random.fork(`ids:${schoolId}`);
  const empty: GeneratedIncidents = {
    incidents: [],
    revisions: [],
    current: [],
    events: [],
    alerts: [],
    alertReads: [],
    lastNumber: 0,
  };

  // ——— The calendar: school days in the window, up to the last one that has ended ———
  const clock = wallClock(now);
  const lastDay =
    clock.minutes >= 16 * 60 && isSchoolDay(clock.day) ? clock.day : addDays(clock.day, -1);
  const firstDay = addDays(clock.day, -Math.round((options.years ?? 5) * 365.25));
  const days = schoolDaysBetween(firstDay, lastDay);
  if (days.length === 0) return empty;
  const thisYear = schoolYearOf(clock.day);
  const dayIndex = (day: IsoDate): number => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as IsoDate) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // ——— The staff, and who teaches and supports which class ———
  const people = options.staff.map(
    (s): Person => ({
      accountId: s.accountId,
      name: s.name,
      kind: staffKind(s),
      dslTeam: s.roles.includes("dsl") || s.roles.includes("deputy_dsl"),
    }),
  );
  const ofKind = (kind: Kind) => people.filter((p) => p.kind === kind);
  const dslTeam = people.filter((p) => p.dslTeam);
  const dsls = ofKind("dsl");
  const deputies = ofKind("deputy");
  const teachers = ofKind("teacher");
  const tas = ofKind("ta");
  const lunch = ofKind("lunch");
  const holder = (kind: Kind): Person | undefined => ofKind(kind)[0];
  const writers = people.filter((p) => p.kind !== "admin");
  if (writers.length === 0) return empty;

  const teachersOf = new Map<string, Person[]>();
  const assistantsOf = new Map<string, Person[]>();
  const add = (map: Map<string, Person[]>, classId: string, person: Person) => {
    const list = map.get(classId) ?? [];
    list.push(person);
    map.set(classId, list);
  };
  options.staff.forEach((s, i) => {
    const person = people[i] as Person;
    for (const classId of s.teaches ?? []) add(teachersOf, classId, person);
    for (const classId of s.supports ?? []) add(assistantsOf, classId, person);
  });
  // Teaching assistants without a class of their own: one each to the classes without one.
  const unsupported = options.classes.filter((c) => !assistantsOf.has(c.id));
  let nextClass = 0;
  options.staff.forEach((s, i) => {
    const person = people[i] as Person;
    if (person.kind !== "ta" || (s.supports?.length ?? 0) > 0 || unsupported.length === 0) return;
    const c = unsupported[nextClass++ % unsupported.length] as RecordClass;
    add(assistantsOf, c.id, person);
  });
  const classesOfYear = new Map<number, RecordClass[]>();
  for (const c of options.classes) {
    for (const ncy of new Set(c.ncys)) {
      const list = classesOfYear.get(ncy) ?? [];
      list.push(c);
      classesOfYear.set(ncy, list);
    }
  }

  // ——— Categories, agencies and groups by name ———
  const topByName = new Map<string, RecordCategory>();
  const subByName = new Map<string, RecordCategory>();
  const categoryById = new Map(options.categories.map((c) => [c.id, c]));
  for (const c of options.categories) {
    if (c.hidden || c.parentId !== null) continue;
    if (!topByName.has(c.name)) topByName.set(c.name, c);
  }
  for (const c of options.categories) {
    if (c.hidden || c.parentId === null) continue;
    const parent = categoryById.get(c.parentId);
    if (!parent || parent.hidden) continue;
    const key = `${parent.name}\u0000${c.name}`;
    if (!subByName.has(key)) subByName.set(key, c);
  }
  const resolved = new Map<string, { parent: RecordCategory; sub: RecordCategory | null }[]>();
  for (const t of TEMPLATES) {
    const pairs: { parent: RecordCategory; sub: RecordCategory | null }[] = [];
    for (const [parentName, subName] of t.categories) {
      const parent = topByName.get(parentName);
      const sub = subName === null ? null : subByName.get(`${parentName}\u0000${subName}`);
      if (!parent || sub === undefined) break;
      pairs.push({ parent, sub });
    }
    if (pairs.length !== t.categories.length) continue;
    const staffMayUse = pairs.some((p) => !(p.sub ?? p.parent).dslOnly);
    if (t.by === "dsl" ? dslTeam.length === 0 : !staffMayUse) continue;
    resolved.set(t.key, pairs);
  }
  const templates = TEMPLATES.filter((t) => resolved.has(t.key));
  const byKey = new Map(templates.map((t) => [t.key, t]));
  const byPool = new Map<Pool, IncidentTemplate[]>();
  for (const t of templates) {
    const list = byPool.get(t.pool) ?? [];
    list.push(t);
    byPool.set(t.pool, list);
  }
  const agencyByName = new Map(options.agencies.map((a) => [a.name, a.id]));
  const groupNamed = (name: string) => options.groups.find((g) => g.name === name);

  // ——— The children: how long each has been here, and what kind of history ———
  const children: Child[] = [];
  const childById = new Map<string, Child>();
  for (const pupil of options.pupils) {
    const first = dayIndex(
      pupil.admittedOn && pupil.admittedOn > firstDay ? pupil.admittedOn : firstDay,
    );
    if (first >= days.length) continue;
    const classes = classesOfYear.get(pupil.ncy) ?? [];
    const child: Child = {
      pupil,
      first,
      years: (days.length - first) / SCHOOL_DAYS_A_YEAR,
      tier: "few",
      theme: null,
      level: "early",
      count: 0,
      recent: 0,
      send: plan.chance(0.14),
      asthma: plan.chance(0.1),
      carer: plan.weighted(CARERS),
      slot: Math.max(
        0,
        classes.findIndex((c) => c.id === pupil.classId),
      ),
      siblings: [],
      progress: new Map(),
    };
    children.push(child);
    childById.set(pupil.id, child);
  }
  if (children.length === 0) return empty;
  for (const { pupilId, siblingId } of options.siblings) {
    const a = childById.get(pupilId);
    const b = childById.get(siblingId);
    if (a && b) {
      a.siblings.push(b);
      b.siblings.push(a);
    }
  }
  const cohorts = new Map<number, Child[]>();
  for (const child of children) {
    const cohort = cohorts.get(child.pupil.ncy) ?? [];
    cohort.push(child);
    cohorts.set(child.pupil.ncy, cohort);
  }

  // About one child in twenty has a long history, more often one with brothers or sisters.
  const longCount = children.length >= 15 ? Math.max(1, Math.round(children.length * 0.045)) : 0;
  const candidates = children.filter((c) => c.years >= 1);
  const eligible = candidates.length >= longCount ? candidates : children.slice();
  for (let k = 0; k < longCount && eligible.length > 0; k++) {
    const index = pickCumulative(
      plan,
      cumulative(eligible.map((c) => c.years * (c.siblings.length > 0 ? 1.6 : 1))),
    );
    const [child] = eligible.splice(index, 1);
    if (!child) break;
    child.tier = "long";
    child.theme = plan.weighted(THEMES);
    child.level = child.theme === "care" ? "cla" : plan.weighted(LEVELS);
    if (child.theme === "behaviour") child.send = true;
    if (child.theme === "emotional" && child.pupil.ncy < 4) child.theme = "domestic";
  }
  for (const child of children) {
    if (child.tier === "long") {
      child.count = child.years >= 2 ? plan.int(20, 60) : plan.int(20, 32);
      continue;
    }
    const several =
      child.siblings.some((s) => s.tier === "long") ||
      plan.chance(child.years >= 0.5 ? 0.25 : 0.08);
    if (several) {
      child.tier = "several";
      child.count = Math.min(16, 4 + Math.round(child.years * (0.6 + plan.next() * 1.6)));
    } else {
      child.count =
        child.years < 0.5
          ? plan.weighted([
              [0, 55],
              [1, 33],
              [2, 12],
            ])
          : plan.weighted([
              [0, 24],
              [1, 30],
              [2, 26],
              [3, 20],
            ]);
    }
    // This term's ordinary records, on top: a first bump, a falling-out, a late morning.
    child.recent = plan.weighted([
      [0, 62],
      [1, 30],
      [2, 8],
    ]);
    child.count += child.recent;
  }

  // Asked for a number: the same shape, scaled, then trimmed or topped up exactly.
  const target = options.count;
  if (target !== undefined && target <= 0) return empty;
  // Entered in error: about three in two thousand, half of them submitted twice.
  const errors = (n: number) => (n >= 20 ? Math.max(1, Math.round(n * 0.003)) : 0);
  const duplicatesFor = (n: number) => Math.ceil(errors(n) / 2);
  if (target !== undefined) {
    const natural = children.reduce((n, c) => n + c.count, 0) * 1.04;
    const factor = natural > 0 ? (target - duplicatesFor(target)) / natural : 0;
    for (const child of children) {
      const scaled = child.count * factor;
      child.count = Math.floor(scaled) + (plan.chance(scaled - Math.floor(scaled)) ? 1 : 0);
      child.recent = Math.min(child.recent, child.count);
    }
  }

  // ——— What each record is about ———
  const ncyOn = (child: Child, day: number) =>
    child.pupil.ncy - (thisYear - schoolYearOf(days[day] as IsoDate));
  const suits = (t: IncidentTemplate, child: Child, day: number) => {
    if (t.needs === "send" && !child.send) return false;
    if (t.needs === "asthma" && !child.asthma) return false;
    if (t.ncy) {
      const ncy = ncyOn(child, day);
      if (ncy < t.ncy[0] || ncy > t.ncy[1]) return false;
    }
    return true;
  };
  const weightOf = (t: IncidentTemplate, child: Child, day: number) => {
    if (!suits(t, child, day)) return 0;
    let w = t.weight ?? 1;
    const fits = child.theme !== null && (t.themes ?? []).includes(child.theme);
    if (fits) w *= 4;
    else if (t.themeOnly) w *= t.pool === "concern" && child.tier !== "few" ? 0.03 : 0;
    if (t.pool === "send" && !child.send) w *= 0.1;
    return w;
  };
  const chooseIn = (poolName: Pool, child: Child, day: number): IncidentTemplate | undefined => {
    const sequence =
      poolName === "everyday" || poolName === "concern" || poolName === "send"
        ? null
        : SEQUENCES[poolName];
    if (sequence) {
      let step = child.progress.get(poolName) ?? 0;
      while (step < sequence.first.length) {
        const t = byKey.get(sequence.first[step] as string);
        step++;
        child.progress.set(poolName, step);
        if (t && suits(t, child, day)) return t;
      }
      const repeats = sequence.repeat
        .map((key) => byKey.get(key))
        .filter((t): t is IncidentTemplate => t !== undefined && suits(t, child, day));
      return repeats.length > 0 ? plan.pick(repeats) : undefined;
    }
    const list = byPool.get(poolName) ?? [];
    const weights = list.map((t) => weightOf(t, child, day));
    if (!weights.some((w) => w > 0)) return undefined;
    return list[pickCumulative(plan, cumulative(weights))];
  };
  const poolsFor = (child: Child, day: number): (readonly [Pool, number])[] => {
    const send = child.send ? 12 : 1.5;
    if (child.tier === "few") {
      return [
        ["everyday", 88],
        ["concern", 7],
        ["send", send],
      ];
    }
    if (child.tier === "several") {
      return [
        ["everyday", 62],
        ["concern", 24],
        ["send", send],
        ["early", 3],
      ];
    }
    const span = Math.max(1, days.length - child.first);
    const t = (day - child.first) / span;
    const behaviour = child.theme === "behaviour" ? 15 : 0;
    const level = child.level;
    if (t < 0.25) {
      return [
        ["everyday", 45 + behaviour],
        ["concern", 40 - behaviour],
        ["early", 10],
        ["send", child.send ? 10 : 0],
      ];
    }
    if (t < 0.5) {
      return [
        ["everyday", 25 + behaviour],
        ["concern", 40 - behaviour],
        ["early", 30],
        ["send", child.send ? 10 : 0],
      ];
    }
    if (t < 0.75) {
      return [
        ["everyday", 20 + behaviour],
        ["concern", 35 - behaviour],
        ["early", level === "early" ? 40 : 12],
        ["cin", level === "early" ? 0 : 28],
        ["send", child.send ? 8 : 0],
      ];
    }
    const steps: Record<Level, (readonly [Pool, number])[]> = {
      early: [["early", 45]],
      cin: [
        ["cin", 35],
        ["early", 10],
      ],
      cp: [["cp", 40]],
      cla: [
        ["cla", 35],
        ["cp", 12],
      ],
    };
    return [
      ["everyday", 15 + behaviour],
      ["concern", 30 - behaviour],
      ["send", child.send ? 8 : 0],
      ...steps[level],
    ];
  };
  const chooseTemplate = (child: Child, day: number): IncidentTemplate => {
    for (let tries = 0; tries < 4; tries++) {
      const poolName = plan.weighted(poolsFor(child, day).filter(([, w]) => w > 0));
      const t = chooseIn(poolName, child, day);
      if (t) return t;
    }
    const fallback = chooseIn("everyday", child, day) ?? templates[0];
    if (!fallback) throw new Error("no incident template fits the school's categories");
    return fallback;
  };
  if (templates.length === 0) return empty;

  const specs: Spec[] = [];
  const dayFor = (child: Child) => {
    const span = days.length - child.first;
    const u = plan.next();
    // Long histories thicken towards the present.
    const t = child.tier === "long" ? u ** 0.8 : u;
    return child.first + Math.min(span - 1, Math.floor(t * span));
  };
  const thisTerm = dayIndex(firstDayOfTerm(thisYear));
  for (const child of children) {
    const from = Math.max(child.first, thisTerm);
    const recent = from < days.length ? child.recent : 0;
    const chosen = Array.from({ length: child.count }, (_, i) =>
      i < recent ? plan.int(from, days.length - 1) : dayFor(child),
    ).sort((a, b) => a - b);
    for (const day of chosen) {
      const spec: Spec = { child, day, template: chooseTemplate(child, day), shared: false };
      specs.push(spec);
      if (!spec.template.family) continue;
      for (const sibling of child.siblings) {
        if (sibling.first > day || !plan.chance(0.75)) continue;
        spec.shared = true;
        specs.push({ child: sibling, day, template: spec.template, with: spec, shared: true });
      }
    }
  }

  // Exactly the number asked for: trim ordinary records, or add some.
  if (target !== undefined) {
    const wanted = target - duplicatesFor(target);
    if (specs.length > wanted) {
      const isOrdinary = (s: Spec) =>
        !s.shared && (s.template.pool === "everyday" || s.template.pool === "send");
      const ordinary = specs.filter(isOrdinary);
      const rest = specs.filter((s) => !s.shared && !isOrdinary(s));
      const drop = new Set(
        [...plan.shuffle(ordinary), ...plan.shuffle(rest)].slice(0, specs.length - wanted),
      );
      const kept = specs.filter((s) => !drop.has(s));
      specs.length = 0;
      specs.push(...kept);
    }
    if (specs.length > wanted) {
      // Only records shared by brothers and sisters are left to drop.
      specs.length = wanted;
      const left = new Set(specs);
      for (const s of specs) if (s.with && !left.has(s.with)) delete s.with;
    }
    const sums = cumulative(children.map((c) => c.years));
    while (specs.length < wanted) {
      const child = children[pickCumulative(plan, sums)] as Child;
      const day = dayFor(child);
      const t = chooseIn("everyday", child, day) ?? chooseTemplate(child, day);
      specs.push({ child, day, template: t, shared: false });
    }
  }

  // ——— Writing each record: who, when, where, what ———
  const linkedFor = (child: Child, day: number, n: number): Child[] => {
    const cohort = (cohorts.get(child.pupil.ncy) ?? []).filter(
      (c) => c !== child && c.first <= day,
    );
    const sameClass = cohort.filter((c) => c.slot === child.slot);
    const out: Child[] = [];
    for (let i = 0; i < n; i++) {
      const from = (write.chance(0.7) && sameClass.length > 0 ? sameClass : cohort).filter(
        (c) => !out.includes(c),
      );
      if (from.length === 0) break;
      out.push(write.pick(from));
    }
    return out;
  };
  const classAt = (child: Child, day: number): RecordClass | undefined => {
    const list = classesOfYear.get(ncyOn(child, day)) ?? [];
    return list.length > 0 ? list[child.slot % list.length] : undefined;
  };
  const anyOf = (...lists: Person[][]): Person | undefined => {
    const list = lists.find((l) => l.length > 0);
    return list ? write.pick(list) : undefined;
  };
  const dslAuthor = (): Person | undefined => {
    if (dsls.length > 0 && (deputies.length === 0 || write.chance(0.6))) return write.pick(dsls);
    return anyOf(deputies, dslTeam);
  };
  const authorFor = (kind: AuthorKind, child: Child, day: number): Person => {
    const c = classAt(child, day);
    const classTeachers = c ? (teachersOf.get(c.id) ?? []) : [];
    const classAssistants = c ? (assistantsOf.get(c.id) ?? []) : [];
    let who: Person | undefined;
    switch (kind) {
      case "class":
        who = write.chance(0.72)
          ? anyOf(classTeachers, classAssistants, teachers, tas)
          : anyOf(classAssistants, classTeachers, tas, teachers);
        break;
      case "teacher":
        who = anyOf(classTeachers, teachers, classAssistants, tas);
        break;
      case "ta":
        who = write.chance(0.6)
          ? anyOf(classAssistants, tas, classTeachers)
          : anyOf(tas, classTeachers);
        break;
      case "duty": {
        const roll = write.next();
        who =
          roll < 0.45
            ? anyOf(lunch, tas, teachers)
            : roll < 0.8
              ? write.chance(0.5)
                ? anyOf(classAssistants, tas, lunch, teachers)
                : anyOf(tas, lunch, teachers)
              : anyOf(teachers, tas, lunch);
        break;
      }
      case "sendco":
        who = holder("sendco") ?? anyOf(classTeachers, teachers);
        break;
      case "pastoral":
        who = holder("pastoral") ?? anyOf(classTeachers, teachers);
        break;
      case "head":
        who = holder("head") ?? dslAuthor();
        break;
      case "dsl":
        who = dslAuthor();
        break;
    }
    return who ?? write.pick(writers);
  };
  const minutesFor = (when: When): number => {
    const within = ([from, to]: readonly [number, number]) => write.int(from, to);
    switch (when) {
      case "lesson":
        return within(
          write.pick([
            [540, 625],
            [650, 715],
            [785, 900],
          ] as const),
        );
      case "break":
        return within([630, 645]);
      case "lunch":
        return within([720, 780]);
      case "play":
        return write.chance(0.45) ? within([630, 645]) : within([720, 780]);
      case "arrival":
        return within([515, 545]);
      case "breakfast":
        return within([480, 515]);
      case "pickup":
        return within([910, 935]);
      case "meeting":
        return 540 + 15 * write.int(0, 28);
      case "day": {
        const roll = write.next();
        return minutesFor(
          roll < 0.6 ? "lesson" : roll < 0.75 ? "break" : roll < 0.95 ? "lunch" : "arrival",
        );
      }
      case "home":
        return within([1020, 1320]);
    }
  };
  const roundish = (minutes: number) => (write.chance(0.7) ? Math.round(minutes / 5) * 5 : minutes);
  const seconds = () => write.int(0, 59_999);
  const notAfterNow = (from: Date, at: Date): Date =>
    at.getTime() <= now.getTime()
      ? at
      : new Date(from.getTime() + Math.floor((now.getTime() - from.getTime()) * write.next()));

  /** When it happened and when it was written. */
  const clocks = (spec: Spec, author: Person): { occurredAt: Date; recordedAt: Date } => {
    const day = days[spec.day] as IsoDate;
    const when = spec.template.when;
    let occurredAt: Date;
    let recordedAt: Date;
    if (when === "home") {
      // An evening before a school day, or the weekend before a Monday; written that morning.
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const back = weekday === 1 ? write.pick([1, 2, 2, 3]) : 1;
      const evening = back === 3 || weekday !== 1;
      const minutes = evening ? write.int(1020, 1320) : write.int(600, 1290);
      occurredAt = ukTime(addDays(day, -back), roundish(minutes));
      recordedAt = new Date(ukTime(day, write.int(500, 630)).getTime() + seconds());
    } else {
      const minutes = roundish(minutesFor(when));
      occurredAt = ukTime(day, minutes);
      const roll = write.next();
      const meeting = when === "meeting" || author.dslTeam;
      let delay: number;
      if (meeting ? roll < 0.3 : roll < 0.55) delay = write.int(4, 60) * MINUTE;
      else if (meeting ? roll < 0.75 : roll < 0.82) delay = write.int(60, 240) * MINUTE;
      else if (roll < 0.88) {
        // After school or that evening.
        delay =
          ukTime(day, write.int(Math.max(minutes + 30, 960), 1170)).getTime() -
          occurredAt.getTime();
      } else if (roll < 0.97) {
        // The next morning (a Friday's on Monday).
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        const next = addDays(day, weekday === 5 ? 3 : 1);
        delay = ukTime(next, write.int(480, 570)).getTime() - occurredAt.getTime();
      } else {
        delay =
          ukTime(addDays(day, write.int(2, 5)), write.int(480, 1200)).getTime() -
          occurredAt.getTime();
      }
      recordedAt = new Date(occurredAt.getTime() + Math.max(MINUTE, delay) + seconds());
    }
    return { occurredAt, recordedAt: notAfterNow(occurredAt, recordedAt) };
  };

  const bodyMapFor = (t: IncidentTemplate, author: Person, recordedAt: Date) => {
    const spec = t.bodyMap;
    if (!spec || !write.chance(spec.chance)) return { stored: null, first: null };
    const n = write.weighted([
      [1, 70],
      [2, 25],
      [3, 5],
    ] as const);
    const marks = Array.from({ length: n }, () => {
      const [region, words] = write.pick(spec.regions);
      const type = write.pick(spec.types);
      const cm = write.int(spec.sizes[0], spec.sizes[1]);
      const note = write.pick(spec.notes);
      return {
        mark: {
          view: FRONT.includes(region) ? ("front" as const) : ("back" as const),
          region,
          type,
          size: `about ${cm} cm`,
          note,
        },
        words,
        cm,
      };
    });
    const head = marks[0];
    const first: MarkText | null = head
      ? {
          type: MARK_WORDS[head.mark.type] ?? "mark",
          region: head.words,
          size: `${head.cm} cm`,
          note: head.mark.note,
        }
      : null;
    const stored: StoredBodyMap = {
      marks: marks.map((m) => m.mark),
      observerId: author.accountId,
      observedAt: recordedAt.toISOString(),
    };
    return { stored, first };
  };

  const drafts: Draft[] = [];
  const writeDraft = (spec: Spec): Draft => {
    const t = spec.template;
    const child = spec.child;
    const leader = spec.with?.draft;
    const author = leader ? leader.author : authorFor(t.by, child, spec.day);
    let occurredAt: Date;
    let recordedAt: Date;
    if (leader) {
      occurredAt = leader.occurredAt;
      recordedAt = notAfterNow(
        occurredAt,
        new Date(leader.recordedAt.getTime() + write.int(1, 6) * MINUTE + seconds()),
      );
    } else {
      ({ occurredAt, recordedAt } = clocks(spec, author));
    }
    // A lunchtime supervisor's handwritten note, typed in by the DSL.
    let recordedBy = author;
    if (author.kind === "lunch" && dslTeam.length > 0 && write.chance(0.25)) {
      recordedBy = write.pick(dslTeam);
      recordedAt = notAfterNow(
        occurredAt,
        new Date(recordedAt.getTime() + write.int(60, 180) * MINUTE),
      );
    }
    const linked = t.linked ? linkedFor(child, spec.day, t.linked) : [];
    const occurred = wallClock(occurredAt);
    const location = write.pick(t.places);
    const { stored, first } = bodyMapFor(t, author, recordedAt);
    const others = dslTeam.filter((p) => p !== author);
    const dsl = others.length > 0 ? write.pick(others) : author;
    const colleagues = [...teachers, ...tas].filter((p) => p !== author);
    const colleague = colleagues.length > 0 ? write.pick(colleagues) : dsl;
    const me = pronouns(child.pupil.sex);
    const other = linked[0];
    const them = pronouns(other?.pupil.sex ?? "X");
    const ctx: TemplateContext = {
      name: child.pupil.firstName,
      ...me,
      He: capital(me.he),
      His: capital(me.his),
      other: other?.pupil.firstName ?? "another child",
      otherHe: them.he,
      otherHim: them.him,
      otherHis: them.his,
      others: linked.map((c) => c.pupil.firstName).join(" and "),
      time: occurred.hhmm,
      later: (minutes) => hhmm(occurred.minutes + minutes),
      day: weekdayName(occurred.day),
      date: dayAndMonth(occurred.day),
      place: placeWords(location),
      carer: child.carer.word,
      Carer: capital(child.carer.word),
      carerHe: child.carer.he,
      carerHim: child.carer.him,
      carerHis: child.carer.his,
      colleague: colleague.name,
      dsl: dsl.name,
      mark: first,
      abuse: ABUSE[child.theme ?? "neglect"],
      percent: (min, max) => `${write.int(min, max - 1)}.${write.int(0, 9)}`,
      pick: (items) => write.pick(items),
      int: (min, max) => write.int(min, max),
    };
    const account = t.text(ctx);

    const pairs = resolved.get(t.key) ?? [];
    const chosen: RecordCategory[] = [];
    for (const { parent, sub } of pairs) {
      if (sub) chosen.push(sub);
      if (!sub || write.chance(0.8)) chosen.push(parent);
    }
    const allowed = author.dslTeam ? chosen : chosen.filter((c) => !c.dslOnly);
    const categoryIds = [...new Set(allowed.map((c) => c.id))];

    let toldDsl: Draft["toldDsl"] = null;
    if (t.toldDsl !== undefined && !author.dslTeam) {
      if (write.chance(t.toldDsl)) {
        // Straight after it happened; for something from home, when it came to school.
        const told = new Date(
          t.when === "home"
            ? Math.max(occurredAt.getTime(), recordedAt.getTime() - write.int(1, 20) * MINUTE)
            : Math.min(recordedAt.getTime(), occurredAt.getTime() + write.int(5, 40) * MINUTE),
        );
        toldDsl = {
          told: true,
          who: dsl.name,
          when: new Date(Math.floor(told.getTime() / MINUTE) * MINUTE).toISOString(),
        };
      } else if (write.chance(0.3)) {
        toldDsl = { told: false };
      }
    }

    const age = (now.getTime() - recordedAt.getTime()) / DAY;
    const ongoing = t.pool === "cp" || t.pool === "cin" || t.pool === "cla";
    const closedChance =
      age > 60
        ? Math.max(t.closed, ongoing ? 0.6 : 0.88)
        : age > 14
          ? Math.max(t.closed, 0.5)
          : t.closed;
    const draft: Draft = {
      spec,
      id: "",
      author,
      recordedBy,
      occurredAt,
      recordedAt,
      account,
      location,
      categoryIds,
      linked,
      agencyIds: (t.agencies ?? [])
        .map((name) => agencyByName.get(name))
        .filter((id): id is string => id !== undefined),
      status: write.chance(closedChance) ? "closed" : "open",
      bodyMap: stored,
      toldDsl,
      number: 0,
    };
    spec.draft = draft;
    return draft;
  };
  for (const spec of specs) drafts.push(writeDraft(spec));

  // Entered in error: a handful submitted twice, and a few filed to the wrong child.
  const total = target ?? drafts.length;
  const duplicates = duplicatesFor(total);
  const wrongPupils = errors(total) - duplicates;
  const older = drafts.filter(
    (d) => !d.author.dslTeam && !d.spec.shared && now.getTime() - d.recordedAt.getTime() > 7 * DAY,
  );
  const chosenForErrors = later.shuffle(older);
  for (const original of chosenForErrors.slice(0, duplicates)) {
    const copy: Draft = {
      ...original,
      recordedAt: new Date(
        original.recordedAt.getTime() + later.int(1, 15) * MINUTE + later.int(0, 59_999),
      ),
      duplicateOf: original,
    };
    drafts.push(copy);
  }
  for (const wrong of chosenForErrors.slice(duplicates, duplicates + wrongPupils)) {
    wrong.wrongPupil = true;
  }
  // Too few older records to copy (a tiny school): top up to the number asked for.
  if (target !== undefined) {
    const sums = cumulative(children.map((c) => c.years));
    while (drafts.length < target) {
      const child = children[pickCumulative(plan, sums)] as Child;
      const day = dayFor(child);
      const t = chooseIn("everyday", child, day) ?? chooseTemplate(child, day);
      drafts.push(writeDraft({ child, day, template: t, shared: false }));
    }
  }

  // Numbers in the order things were written: gap-free from 1.
  const order = drafts.map((d, i) => [d, i] as const);
  order.sort(([a, i], [b, j]) => a.recordedAt.getTime() - b.recordedAt.getTime() || i - j);
  const numbered = order.map(([d]) => d);
  numbered.forEach((d, i) => {
    d.number = i + 1;
    d.id = ids.uuid();
  });

  // ——— The rows ———
  const out: GeneratedIncidents = { ...empty, lastNumber: numbered.length };
  const reviewers = (author: Person) => {
    const others = dslTeam.filter((p) => p !== author);
    return others.length > 0 ? others : dslTeam;
  };
  for (const d of numbered) {
    const child = d.spec.child;
    out.incidents.push({
      schoolId,
      id: d.id,
      number: d.number,
      authorId: d.author.accountId,
      recordedBy: d.recordedBy.accountId,
      recordedAt: d.recordedAt,
    });
    const final = {
      account: d.account,
      location: d.location,
      categoryIds: d.categoryIds,
      occurredAt: d.occurredAt,
      status: d.status,
    };
    // Some were changed by their author soon after, before anyone reviewed them.
    let first = final;
    let edit: { at: Date; reason: string } | null = null;
    const editedAt = new Date(
      d.recordedAt.getTime() + later.int(2, 180) * MINUTE + later.int(0, 59_999),
    );
    if (!d.duplicateOf && later.chance(d.author.dslTeam ? 0.03 : 0.07) && editedAt <= now) {
      const sentences = d.account.split(/(?<=[.!?]) /);
      const changes: (() => void)[] = [];
      if (
        d.recordedAt.getTime() - d.occurredAt.getTime() > 20 * MINUTE &&
        d.spec.template.when !== "home"
      ) {
        changes.push(() => {
          first = {
            ...final,
            occurredAt: new Date(
              Math.floor(d.recordedAt.getTime() / MINUTE) * MINUTE - later.int(1, 12) * MINUTE,
            ),
          };
          edit = {
            at: editedAt,
            reason:
              "Changed the time to when it happened: I had left it at the time I started writing.",
          };
        });
      }
      if (d.location) {
        changes.push(() => {
          first = { ...final, location: null };
          edit = { at: editedAt, reason: "Added where it happened." };
        });
      }
      if (d.categoryIds.length > 1) {
        changes.push(() => {
          first = { ...final, categoryIds: d.categoryIds.slice(0, -1) };
          edit = { at: editedAt, reason: "Added a category I had missed." };
        });
      }
      if (sentences.length >= 3) {
        changes.push(() => {
          first = { ...final, account: sentences.slice(0, -1).join(" ") };
          edit = { at: editedAt, reason: "Added what happened afterwards." };
        });
      }
      if (d.status === "closed") {
        changes.push(() => {
          first = { ...final, status: "open" };
          edit = { at: editedAt, reason: "Closed: nothing further is needed." };
        });
      }
      if (/ the /.test(d.account)) {
        changes.push(() => {
          first = { ...final, account: d.account.replace(/ the /, " teh ") };
          edit = { at: editedAt, reason: "Corrected a spelling mistake." };
        });
      }
      if (changes.length > 0) later.pick(changes)();
    }
    const revision1 = ids.uuid();
    out.revisions.push({
      schoolId,
      id: revision1,
      incidentId: d.id,
      revisionNo: 1,
      baseRevisionId: null,
      pupilId: child.pupil.id,
      account: first.account,
      location: first.location,
      categoryIds: first.categoryIds,
      linkedPupilIds: d.linked.map((c) => c.pupil.id),
      agencyIds: d.agencyIds,
      occurredAt: first.occurredAt,
      status: first.status,
      bodyMap: d.bodyMap,
      toldDsl: d.toldDsl,
      editedBy: d.recordedBy.accountId,
      editedAt: d.recordedAt,
      reason: null,
    });
    let revisionId = revision1;
    let revisionNo = 1;
    const edited = edit as { at: Date; reason: string } | null;
    if (edited) {
      revisionId = ids.uuid();
      revisionNo = 2;
      out.revisions.push({
        schoolId,
        id: revisionId,
        incidentId: d.id,
        revisionNo: 2,
        baseRevisionId: revision1,
        pupilId: child.pupil.id,
        account: final.account,
        location: final.location,
        categoryIds: final.categoryIds,
        linkedPupilIds: d.linked.map((c) => c.pupil.id),
        agencyIds: d.agencyIds,
        occurredAt: final.occurredAt,
        status: final.status,
        bodyMap: d.bodyMap,
        toldDsl: d.toldDsl,
        editedBy: d.author.accountId,
        editedAt: edited.at,
        reason: edited.reason,
      });
    }

    // Reviewed by the DSL team, nearly always within a day; entered in error instead when wrong.
    const settled = edited ? edited.at : d.recordedAt;
    const ageDays = (now.getTime() - d.recordedAt.getTime()) / DAY;
    const roll = later.next();
    const delay =
      roll < 0.6
        ? later.int(10, 240) * MINUTE
        : roll < 0.9
          ? later.int(240, 1200) * MINUTE
          : later.int(24, 72) * HOUR;
    const actedAt = new Date(settled.getTime() + delay + later.int(0, 59_999));
    let reviewedAt: Date | null = null;
    let reviewer: Person | null = null;
    const enteredInError = d.duplicateOf !== undefined || d.wrongPupil === true;
    if (dslTeam.length > 0 && actedAt <= now) {
      const by = later.pick(reviewers(d.author));
      if (enteredInError) {
        out.events.push({
          schoolId,
          id: ids.uuid(),
          incidentId: d.id,
          type: "entered_in_error",
          payload: {
            reason: d.duplicateOf
              ? `Duplicate of incident ${d.duplicateOf.number}: the same account was submitted twice.`
              : "Recorded on the wrong pupil's record. The author has recorded it again for the right pupil.",
          },
          byId: by.accountId,
          at: actedAt,
        });
      } else if (
        // A working DSL team leaves nothing unreviewed for long: only the last fortnight
        // has a few stragglers (what the dashboard's overdue list is for).
        later.chance(ageDays > 14 ? 1 : ageDays > 3 ? 0.9 : ageDays > 1 ? 0.6 : 0.2)
      ) {
        reviewedAt = actedAt;
        reviewer = by;
        out.events.push({
          schoolId,
          id: ids.uuid(),
          incidentId: d.id,
          type: "reviewed",
          payload: {},
          byId: by.accountId,
          at: actedAt,
        });
      }
    }

    const categories = final.categoryIds
      .map((id) => categoryById.get(id))
      .filter((c): c is RecordCategory => c !== undefined);
    out.current.push({
      schoolId,
      incidentId: d.id,
      number: d.number,
      revisionId,
      revisionNo,
      pupilId: child.pupil.id,
      pupilIds: [child.pupil.id, ...d.linked.map((c) => c.pupil.id)],
      categoryIds: final.categoryIds,
      areas: [...new Set(categories.map((c) => c.area))],
      authorId: d.author.accountId,
      excludedIds: [],
      occurredAt: final.occurredAt,
      recordedAt: d.recordedAt,
      status: final.status,
      enteredInError: enteredInError && actedAt <= now,
      reviewedAt,
    });

    // Alerts: the DSL team on every incident, and sometimes the class teacher, the SENDCo…
    const recipients = new Map<
      string,
      { via: "direct" | "group" | "preset"; groupId: string | null }
    >();
    const direct = (p: Person | undefined) => {
      if (p && !recipients.has(p.accountId))
        recipients.set(p.accountId, { via: "direct", groupId: null });
    };
    const viaGroup = (name: string) => {
      const g = groupNamed(name);
      if (!g) return false;
      for (const m of g.memberIds) {
        if (!recipients.has(m)) recipients.set(m, { via: "group", groupId: g.id });
      }
      return true;
    };
    const t = d.spec.template;
    const areas = new Set(categories.map((c) => c.area));
    const names = new Set(categories.map((c) => c.name));
    if (t.pool === "everyday" || t.pool === "concern" || t.pool === "send") {
      const c = classAt(child, d.spec.day);
      if (c && later.chance(0.3)) for (const p of teachersOf.get(c.id) ?? []) direct(p);
    }
    if (areas.has("send") && later.chance(0.6)) {
      if (later.chance(0.5) || !viaGroup("SEND team")) direct(holder("sendco"));
    }
    if (
      names.has("Attendance") ||
      [...names].some((n) => n === "Punctuality" || n === "Unauthorised absence")
    ) {
      if (later.chance(0.5) && !viaGroup("Attendance")) direct(holder("pastoral"));
    }
    if (names.has("Suspension") || t.pool === "cp") {
      if (later.chance(0.5)) direct(holder("head"));
      else viaGroup("SLT");
    }
    for (const g of options.groups) {
      if (!g.alertedOnEveryIncident) continue;
      for (const m of g.memberIds) {
        if (!recipients.has(m)) recipients.set(m, { via: "preset", groupId: g.id });
      }
    }
    recipients.delete(d.author.accountId);
    const sentAge = (now.getTime() - d.recordedAt.getTime()) / DAY;
    for (const [recipientId, how] of recipients) {
      const alertId = ids.uuid();
      out.alerts.push({
        schoolId,
        id: alertId,
        incidentId: d.id,
        actionId: null,
        recipientId,
        via: how.via,
        groupId: how.groupId,
        // The generated history names the DSL team's group, not the rule that stands for it.
        ruleId: null,
        sentBy: d.recordedBy.accountId,
        sentAt: d.recordedAt,
      });
      let readAt: Date | null = null;
      if (reviewer && reviewedAt && reviewer.accountId === recipientId) {
        readAt = new Date(
          Math.max(d.recordedAt.getTime(), reviewedAt.getTime() - later.int(1, 10) * MINUTE),
        );
      } else if (
        // Old alerts have long been read; a few from the last month are still waiting.
        later.chance(sentAge > 30 ? 1 : sentAge > 7 ? 0.97 : sentAge > 1 ? 0.75 : 0.35)
      ) {
        const r = later.next();
        const wait =
          r < 0.7
            ? later.int(2, 180) * MINUTE
            : r < 0.9
              ? later.int(3, 20) * HOUR
              : later.int(24, 96) * HOUR;
        readAt = new Date(d.recordedAt.getTime() + wait + later.int(0, 59_999));
      }
      if (readAt && readAt <= now) out.alertReads.push({ schoolId, alertId, readAt });
    }
  }
  return out;
}
