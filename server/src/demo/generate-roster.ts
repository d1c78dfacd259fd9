// A whole school roll as rows: year groups, classes, pupils, siblings and contacts, from
// a plan and a seed. Pure: the same options give the same rows.
import { generatePupils } from "./generate-pupils.ts";
import { Random } from "./random.ts";
import type { ClassRow, ContactRow, PupilRow, SiblingRow, YearGroupRow } from "./rows.ts";
import type { SchoolPlan } from "./school-plan.ts";
import { type IsoDate, yearGroupName } from "./school-year.ts";

export interface GenerateRosterOptions {
  schoolId: string;
  seed: string | number;
  plan: SchoolPlan;
  /** The calendar year the current school year began in (2026 for 2026/27). */
  schoolYear: number;
  /** The latest admission date; the first day of the autumn term when not given. */
  asOf?: IsoDate;
  upn: { la: string; establishment: string };
}

export interface Roster {
  yearGroups: YearGroupRow[];
  classes: ClassRow[];
  pupils: PupilRow[];
  siblings: SiblingRow[];
  contacts: ContactRow[];
}

export function generateRoster(options: GenerateRosterOptions): Roster {
  const { schoolId, plan } = options;
  const random = new Random(options.seed);
  // Ids depend on the school too, so one seed used for two schools gives distinct ids.
  const ids = random.fork(`ids:${schoolId}`);

  const yearGroups: YearGroupRow[] = plan.ncys.map((ncy) => ({
    schoolId,
    id: ids.uuid(),
    name: yearGroupName(ncy),
    ncy,
  }));
  const yearGroupOf = new Map(yearGroups.map((y) => [y.ncy, y.id]));
  const yearGroupId = (ncy: number): string => {
    const id = yearGroupOf.get(ncy);
    if (!id) throw new Error(`the plan has a class for year ${ncy} but no such year group`);
    return id;
  };

  const classes: ClassRow[] = plan.classes.map((c) => {
    const years = [...new Set(c.seats.map((s) => s.ncy))];
    return {
      schoolId,
      id: ids.uuid(),
      name: c.name,
      // A mixed-age class belongs to no single year group.
      yearGroupId: years.length === 1 ? yearGroupId(years[0] as number) : null,
    };
  });

  const places = plan.classes.flatMap((c, i) =>
    c.seats.map((s) => ({
      classId: (classes[i] as ClassRow).id,
      yearGroupId: yearGroupId(s.ncy),
      ncy: s.ncy,
      pupils: s.pupils,
    })),
  );

  const { pupils, siblings, contacts } = generatePupils({
    schoolId,
    random: random.fork("pupils"),
    ids,
    places,
    schoolYear: options.schoolYear,
    entryNcy: plan.entryNcy,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    upn: options.upn,
  });
  return { yearGroups, classes, pupils, siblings, contacts };
}
