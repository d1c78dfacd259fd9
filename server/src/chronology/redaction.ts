// Redaction for exports (seeds 000/001: reports "with other children's names removed"):
// every other child named in the chronology becomes "Child A", "Child B"… — the same
// letter everywhere in one export. The child whose chronology it is keeps their name.
export interface NamedChild {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredFirstName: string | null;
  preferredLastName: string | null;
}

export interface Redactor {
  /** "Child A" for a child other than the subject; the subject's own name otherwise. */
  label(child: NamedChild): string;
  /** The text with every other child's names replaced. */
  text(text: string): string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function letters(n: number): string {
  // A…Z, then AA, AB… for the rare chronology with more than 26 other children.
  let s = "";
  let i = n;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

export function createRedactor(subject: NamedChild, others: NamedChild[]): Redactor {
  const labels = new Map<string, string>();
  others
    .filter((o) => o.id !== subject.id)
    .forEach((o) => {
      if (!labels.has(o.id)) labels.set(o.id, `Child ${letters(labels.size)}`);
    });
  const subjectLasts = new Set(
    [subject.legalLastName, subject.preferredLastName]
      .filter(Boolean)
      .map((s) => String(s).toLowerCase()),
  );
  const replacements: [RegExp, string][] = [];
  for (const o of others) {
    const label = labels.get(o.id);
    if (!label) continue;
    const firsts = [o.preferredFirstName, o.legalFirstName].filter((s): s is string => Boolean(s));
    const lasts = [o.preferredLastName, o.legalLastName].filter((s): s is string => Boolean(s));
    const names = new Set<string>();
    for (const f of firsts) for (const l of lasts) names.add(`${f} ${l}`);
    for (const f of firsts) names.add(f);
    // A surname alone is replaced only when it is not the subject's too (siblings).
    for (const l of lasts) if (!subjectLasts.has(l.toLowerCase())) names.add(l);
    for (const n of names)
      replacements.push([new RegExp(`(?<![\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, "giu"), label]);
  }
  // Longest first, so "Amy Jones" is replaced whole before "Amy".
  replacements.sort((a, b) => b[0].source.length - a[0].source.length);
  return {
    label: (child) =>
      labels.get(child.id) ??
      `${child.preferredFirstName ?? child.legalFirstName} ${child.preferredLastName ?? child.legalLastName}`,
    text: (text) => replacements.reduce((t, [re, label]) => t.replace(re, label), text),
  };
}
