// How a school's pupils are arranged: which year groups it has and which classes, with
// how many pupils of each year in each class (a class may mix years, as small schools'
// classes do).
import { yearGroupName } from "./school-year.ts";

export interface ClassPlan {
  name: string;
  seats: readonly { ncy: number; pupils: number }[];
}

export interface SchoolPlan {
  /** National curriculum years: 0 = Reception … 13 = Year 13. */
  ncys: readonly number[];
  classes: readonly ClassPlan[];
  /** The year pupils normally join in (0 for primary and infant schools, 7 for secondary). */
  entryNcy: number;
}

export type Phase = "primary" | "secondary";

/** Class names in primary schools; the demo's Year 3 Oak is the seventh. */
// biome-ignore format: a list of names reads better packed
export const TREE_NAMES = [
  "Ash", "Beech", "Birch", "Cedar", "Elm", "Hazel", "Oak", "Maple", "Rowan", "Willow", "Holly",
  "Larch", "Chestnut", "Sycamore", "Alder", "Aspen", "Hawthorn", "Juniper", "Linden", "Poplar",
  "Spruce", "Yew", "Cherry", "Hornbeam", "Magnolia", "Walnut", "Cypress", "Elder", "Fir", "Pine",
  "Redwood", "Acacia", "Olive", "Laurel", "Myrtle", "Buckthorn", "Blackthorn", "Whitebeam",
  "Mulberry", "Medlar",
] as const;

/** Splits `total` into `parts` near-equal whole numbers, larger first. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/**
 * Classes named after trees ("Year 3 Oak"): `classes[i]` classes in year `ncys[i]`, with
 * `pupils[i]` pupils split evenly between them. Trees are not repeated within the school
 * while there are enough of them.
 */
function treeClasses(ncys: readonly number[], classes: number[], pupils: number[]): ClassPlan[] {
  const total = classes.reduce((a, b) => a + b, 0);
  const unique = total <= TREE_NAMES.length;
  const plans: ClassPlan[] = [];
  let next = 0;
  ncys.forEach((ncy, i) => {
    const count = classes[i] ?? 1;
    splitEvenly(pupils[i] ?? 0, count).forEach((size, j) => {
      const tree = TREE_NAMES[unique ? next : j % TREE_NAMES.length] as string;
      const suffix =
        !unique && j >= TREE_NAMES.length ? ` ${Math.floor(j / TREE_NAMES.length) + 1}` : "";
      plans.push({
        name: `${yearGroupName(ncy)} ${tree}${suffix}`,
        seats: [{ ncy, pupils: size }],
      });
      next++;
    });
  });
  return plans;
}

/** A primary school, Reception to Year 6, with `classesPerYear` classes of `pupilsPerClass`. */
export function primaryPlan(classesPerYear: number, pupilsPerClass: number): SchoolPlan {
  const ncys = [0, 1, 2, 3, 4, 5, 6];
  return {
    ncys,
    entryNcy: 0,
    classes: treeClasses(
      ncys,
      ncys.map(() => classesPerYear),
      ncys.map(() => classesPerYear * pupilsPerClass),
    ),
  };
}

// Sixth forms are smaller than the years below them.
const SECONDARY_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 1],
  [8, 1],
  [9, 1],
  [10, 1],
  [11, 1],
  [12, 0.6],
  [13, 0.55],
];

/**
 * A school of about `pupils` pupils: primary (Reception–Year 6, classes of at most 30
 * named after trees) or secondary (Years 7–13, tutor groups of at most 28: 7A, 7B…).
 */
export function planForPupils(pupils: number, phase: Phase): SchoolPlan {
  const weights: readonly (readonly [number, number])[] =
    phase === "primary" ? [0, 1, 2, 3, 4, 5, 6].map((ncy) => [ncy, 1] as const) : SECONDARY_WEIGHTS;
  const ncys = weights.map(([ncy]) => ncy);
  const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);
  // Largest remainder, so the years add up to exactly `pupils`.
  const exact = weights.map(([, w]) => (pupils * w) / totalWeight);
  const perYear = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const shortBy = pupils - perYear.reduce((a, b) => a + b, 0);
  for (let k = 0; k < shortBy; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    perYear[i] = (perYear[i] ?? 0) + 1;
  }
  if (phase === "primary") {
    const classes = perYear.map((n) => Math.max(1, Math.ceil(n / 30)));
    return { ncys, entryNcy: 0, classes: treeClasses(ncys, classes, perYear) };
  }
  const classes: ClassPlan[] = [];
  ncys.forEach((ncy, i) => {
    const count = Math.max(1, Math.ceil((perYear[i] ?? 0) / 28));
    splitEvenly(perYear[i] ?? 0, count).forEach((size, j) => {
      const letter =
        j < 26
          ? String.fromCharCode(65 + j)
          : `${String.fromCharCode(65 + (j % 26))}${Math.floor(j / 26) + 1}`;
      classes.push({ name: `${ncy}${letter}`, seats: [{ ncy, pupils: size }] });
    });
  });
  return { ncys, entryNcy: 7, classes };
}
