// The redaction a DSL previews before a chronology leaves Tessera: every other child —
// linked to an entry, or any pupil of the school whose full name, surname or initials
// appear in the text — gets one label ("Child A") for the whole export. Words that are
// also ordinary English ("Grace", "Will") and initials that are also words are proposed,
// not applied: the DSL confirms them. The key (who Child A is) never goes into a file.
import type { ChronologyEntry, ChronologyEntryType } from "./queries.ts";
import type { NamedChild, Redactor } from "./redaction.ts";

/** English words that are also first names or surnames: replaced only once confirmed. */
export const ORDINARY_WORDS = new Set([
  "amber",
  "april",
  "august",
  "autumn",
  "bill",
  "brook",
  "brown",
  "bunny",
  "carol",
  "chance",
  "cliff",
  "dawn",
  "faith",
  "frank",
  "grace",
  "green",
  "hazel",
  "heath",
  "holly",
  "honey",
  "hope",
  "hunter",
  "ivy",
  "jack",
  "joy",
  "june",
  "lily",
  "mark",
  "may",
  "miles",
  "penny",
  "pat",
  "rich",
  "river",
  "robin",
  "rose",
  "ruby",
  "sky",
  "skye",
  "sonny",
  "storm",
  "summer",
  "sunny",
  "violet",
  "white",
  "will",
  "winter",
  "young",
]);

// Two-letter initials that are also words: "AM", "IT", "US"… proposed, not applied.
const INITIAL_WORDS = new Set(
  "AM AN AS AT BE BY DO GO HE HI IF IN IS IT ME MY NO OF OH OK ON OR PE RE SO TO TV UP US WE".split(
    " ",
  ),
);

export type ReplacementKind = "full-name" | "first-name" | "surname" | "initials" | "added";
export type ReviewReason = "ordinary-word" | "initials" | "surname-only";

export interface ProposedReplacement {
  text: string;
  label: string;
  child: NamedChild | null;
  kind: ReplacementKind;
  /** Why the DSL should look at it; null when it is a plain name. */
  review: ReviewReason | null;
  /** Applied unless the DSL undoes it (false: proposed for the DSL to confirm). */
  apply: boolean;
  foundIn: { entryId: string; type: ChronologyEntryType; occurredAt: Date; count: number }[];
}

export interface RedactionPlan {
  /** Label of each other child with one, by pupil id. */
  labels: Map<string, string>;
  replacements: ProposedReplacement[];
}

export interface ConfirmedReplacement {
  text: string;
  label: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function letters(n: number): string {
  // A…Z, then AA, AB… for the rare chronology with more than 26 other children.
  let s = "";
  let i = n;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

const firstNames = (c: NamedChild) =>
  [c.preferredFirstName, c.legalFirstName].filter((s): s is string => Boolean(s));
const lastNames = (c: NamedChild) =>
  [c.preferredLastName, c.legalLastName].filter((s): s is string => Boolean(s));
const fullNames = (c: NamedChild) =>
  firstNames(c).flatMap((f) => lastNames(c).map((l) => `${f} ${l}`));
const initialsOf = (c: NamedChild) => {
  const set = new Set<string>();
  for (const f of firstNames(c))
    for (const l of lastNames(c)) {
      const a = (f[0] ?? "").toUpperCase();
      const b = (l[0] ?? "").toUpperCase();
      if (a && b) {
        set.add(`${a}${b}`);
        set.add(`${a}.${b}.`);
      }
    }
  return [...set];
};

/** A whole-word pattern: names ignore case, initials do not. */
export function wordPattern(text: string, caseSensitive = false): RegExp {
  const end = text.endsWith(".") ? "" : "(?![\\p{L}\\p{N}])";
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(text)}${end}`, caseSensitive ? "gu" : "giu");
}

const isInitials = (text: string) => /^\p{Lu}\.?\p{Lu}\.?$/u.test(text);

const entryTexts = (e: ChronologyEntry) => [e.account, e.outcome ?? ""].join("\n");

const key = (s: string) => s.toLowerCase();

export function planRedaction(
  subject: NamedChild,
  entries: ChronologyEntry[],
  schoolPupils: NamedChild[],
): RedactionPlan {
  const labels = new Map<string, string>();
  const children = new Map<string, NamedChild>();
  const identify = (c: NamedChild) => {
    if (c.id === subject.id || labels.has(c.id)) return;
    labels.set(c.id, `Child ${letters(labels.size)}`);
    children.set(c.id, c);
  };
  // Linked children first, in the order the chronology meets them.
  for (const e of entries) for (const o of e.otherPupils) identify(o);

  // Then any pupil of the school named in full, or by a surname only they have.
  const byFull = new Map<string, NamedChild[]>();
  const bySurname = new Map<string, NamedChild[]>();
  for (const p of schoolPupils) {
    if (p.id === subject.id) continue;
    for (const n of fullNames(p)) byFull.set(key(n), [...(byFull.get(key(n)) ?? []), p]);
    for (const n of lastNames(p)) bySurname.set(key(n), [...(bySurname.get(key(n)) ?? []), p]);
  }
  const subjectNames = new Set(
    [...firstNames(subject), ...lastNames(subject), ...fullNames(subject)].map(key),
  );
  // A surname several pupils share, none of them identified: one label for "a child called …".
  const unknownSurnames = new Map<string, string>();
  for (const e of entries) {
    const words = [...entryTexts(e).matchAll(/\p{L}[\p{L}'’-]*/gu)].map((m) => m[0]);
    words.forEach((w, i) => {
      const pair = i + 1 < words.length ? key(`${w} ${words[i + 1]}`) : "";
      for (const p of byFull.get(pair) ?? []) identify(p);
      if (!/^\p{Lu}/u.test(w) || subjectNames.has(key(w))) return;
      const same = bySurname.get(key(w)) ?? [];
      const only = same.length === 1 ? same[0] : undefined;
      // A surname that is also an ordinary word does not identify a child on its own.
      if (ORDINARY_WORDS.has(key(w))) return;
      if (only) identify(only);
      else if (same.length > 1 && !same.some((p) => labels.has(p.id))) {
        if (!unknownSurnames.has(key(w))) unknownSurnames.set(key(w), w);
      }
    });
  }

  // Every phrase that names an identified child, longest first.
  const candidates: Omit<ProposedReplacement, "foundIn">[] = [];
  const seen = new Set<string>();
  const propose = (c: Omit<ProposedReplacement, "foundIn">) => {
    const k = c.kind === "initials" ? c.text : key(c.text);
    if (seen.has(k) || subjectNames.has(key(c.text))) return;
    seen.add(k);
    candidates.push(c);
  };
  for (const [id, child] of children) {
    const label = labels.get(id) ?? "";
    for (const text of fullNames(child))
      propose({ text, label, child, kind: "full-name", review: null, apply: true });
  }
  for (const [id, child] of children) {
    const label = labels.get(id) ?? "";
    for (const text of firstNames(child)) {
      const ordinary = ORDINARY_WORDS.has(key(text));
      propose({
        text,
        label,
        child,
        kind: "first-name",
        review: ordinary ? "ordinary-word" : null,
        apply: !ordinary,
      });
    }
    for (const text of lastNames(child)) {
      const ordinary = ORDINARY_WORDS.has(key(text));
      propose({
        text,
        label,
        child,
        kind: "surname",
        review: ordinary ? "ordinary-word" : null,
        apply: !ordinary,
      });
    }
    for (const text of initialsOf(child)) {
      const word = INITIAL_WORDS.has(text);
      propose({ text, label, child, kind: "initials", review: "initials", apply: !word });
    }
  }
  let next = labels.size;
  for (const [surname, text] of unknownSurnames) {
    if (bySurname.get(surname)?.some((p) => labels.has(p.id))) continue;
    const label = `Child ${letters(next++)}`;
    const ordinary = ORDINARY_WORDS.has(surname);
    propose({
      text,
      label,
      child: null,
      kind: "surname",
      review: ordinary ? "ordinary-word" : "surname-only",
      apply: !ordinary,
    });
  }

  // Where each phrase is found, counting a name once: inside "Amy Jones", "Jones" is not
  // found again (the longer phrase is replaced first, as in the export).
  const remaining = new Map(entries.map((e) => [e.id, entryTexts(e)]));
  const replacements: ProposedReplacement[] = [];
  for (const c of [...candidates].sort((a, b) => b.text.length - a.text.length)) {
    const pattern = wordPattern(c.text, c.kind === "initials");
    const foundIn = entries
      .map((e) => {
        const text = remaining.get(e.id) ?? "";
        const count = text.match(pattern)?.length ?? 0;
        if (count > 0) remaining.set(e.id, text.replace(pattern, "\u0000"));
        return { entryId: e.id, type: e.type, occurredAt: e.occurredAt, count };
      })
      .filter((f) => f.count > 0);
    if (foundIn.length > 0) replacements.push({ ...c, foundIn });
  }
  replacements.sort((a, b) => a.label.localeCompare(b.label) || b.text.length - a.text.length);
  return { labels, replacements };
}

/** The replacements applied when the DSL has not confirmed a set of their own. */
export const defaultReplacements = (plan: RedactionPlan): ConfirmedReplacement[] =>
  plan.replacements.filter((r) => r.apply).map(({ text, label }) => ({ text, label }));

/** A redactor applying exactly the confirmed replacements, longest phrase first. */
export function redactorFrom(
  labels: Map<string, string>,
  confirmed: ConfirmedReplacement[],
): Redactor {
  const rules = [...confirmed]
    .sort((a, b) => b.text.length - a.text.length)
    .map((r) => [wordPattern(r.text, isInitials(r.text)), r.label] as const);
  return {
    label: (child) =>
      labels.get(child.id) ??
      `${child.preferredFirstName ?? child.legalFirstName} ${child.preferredLastName ?? child.legalLastName}`,
    // Each rule sees the text the previous left, so "Child A" is never re-matched by a
    // later, shorter rule (labels are not names).
    text: (text) => rules.reduce((t, [re, label]) => t.replace(re, label), text),
  };
}
