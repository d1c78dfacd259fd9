// The DfE Common Transfer File: XML CTfile → CTFpupilData → Pupil. Real files vary by
// version and carry stray whitespace and namespaces, so names are matched without their
// namespace prefix and case, and a field is looked for a level or two below the Pupil
// (e.g. BasicDetails) as well as on it.
import { XMLParser } from "fast-xml-parser";
import { checkPupil, type ImportContact, type RawPupil } from "./pupil-row.ts";
import type { ParsedImport } from "./read-csv.ts";

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => ["pupil", "contact", "phone"].includes(name.toLowerCase()),
});

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

function child(node: Node, name: string): unknown {
  const key = Object.keys(node).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : node[key];
}

/** The first text value named `name` on the node or up to two levels below it. */
function find(node: Node, names: readonly string[], depth = 2): string | undefined {
  for (const name of names) {
    const v = child(node, name);
    if (typeof v === "string" || typeof v === "number") return String(v);
    if (isNode(v) && typeof v["#text"] === "string") return v["#text"];
  }
  if (depth === 0) return undefined;
  for (const v of Object.values(node)) {
    const kids = Array.isArray(v) ? v : [v];
    for (const k of kids) {
      if (!isNode(k) || k === node) continue;
      // Contacts have their own surnames and forenames; never read a pupil's from them.
      if (Object.keys(k).some((key) => key.toLowerCase() === "contact")) continue;
      const found = find(k, names, depth - 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const list = (v: unknown): Node[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isNode);

const RELATIONSHIPS: Record<string, string> = {
  PAR: "Parent",
  MUM: "Mother",
  DAD: "Father",
  CAR: "Carer",
  FOF: "Foster parent",
  FOM: "Foster parent",
  STF: "Step-parent",
  STM: "Step-parent",
  REL: "Relative",
  GRP: "Grandparent",
  SWR: "Social worker",
  DOC: "Doctor",
  CHM: "Childminder",
  OTH: "Other",
};

function readContacts(pupil: Node): ImportContact[] {
  const holder = child(pupil, "Contacts");
  const contacts = isNode(holder) ? list(child(holder, "Contact")) : list(child(pupil, "Contact"));
  return contacts.slice(0, 20).flatMap((c, i) => {
    const name = [find(c, ["Title"], 0), find(c, ["Forename"], 0), find(c, ["Surname"], 0)]
      .filter(Boolean)
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    if (!name) return [];
    const code = (find(c, ["Relationship", "RelationshipCode"], 1) ?? "").trim();
    const responsibility = (find(c, ["Responsibility", "ParentalResponsibility"], 1) ?? "")
      .trim()
      .toLowerCase();
    const order = Number(find(c, ["Order", "Priority"], 0));
    return [
      {
        name: name.slice(0, 200),
        relationship: RELATIONSHIPS[code.toUpperCase()] ?? (code.slice(0, 60) || "Contact"),
        parentalResponsibility: ["true", "1", "yes", "y"].includes(responsibility),
        phone: find(c, ["PhoneNo", "TelephoneNumber", "Phone"], 2)?.slice(0, 40) ?? null,
        email: find(c, ["Email", "EmailAddress"], 1)?.slice(0, 320) ?? null,
        priority: Number.isInteger(order) && order > 0 ? order : i + 1,
      },
    ];
  });
}

/** Where each <Pupil> element starts, so errors can name the file's line. */
function pupilLines(text: string): number[] {
  const lines: number[] = [];
  const re = /<(?:[\w.-]+:)?Pupil[\s>/]/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(0, m.index).split(/\r\n|\r|\n/).length);
  }
  return lines;
}

export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text);
}

export function readCtf(text: string): ParsedImport | { error: string } {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (e) {
    return { error: `This XML file cannot be read: ${(e as Error).message.split("\n")[0]}` };
  }
  const root = isNode(doc) ? child(doc, "CTfile") : undefined;
  if (!isNode(root)) return { error: "This XML file is not a Common Transfer File (no CTfile)." };
  const data = child(root, "CTFpupilData");
  const pupils = isNode(data) ? list(child(data, "Pupil")) : [];
  if (pupils.length === 0) return { error: "This Common Transfer File holds no pupils." };
  const lines = pupilLines(text);
  const out: ParsedImport = { rows: [], errors: [] };
  pupils.forEach((p, i) => {
    const raw: RawPupil = {
      upn: find(p, ["UPN"]),
      legalLastName: find(p, ["Surname", "LegalSurname"]),
      legalFirstName: find(p, ["Forename", "LegalForename"]),
      preferredLastName: find(p, ["PreferredSurname"]),
      preferredFirstName: find(p, ["PreferredForename"]),
      dateOfBirth: find(p, ["DOB", "DateOfBirth"]),
      sex: find(p, ["Gender", "Sex"]),
      year: find(p, ["NCyearActual", "NCYearActual", "NCyear"]),
      className: find(p, ["RegGroup", "RegistrationGroup", "Class"]),
    };
    const checked = checkPupil(raw, lines[i] ?? 1, readContacts(p));
    if ("row" in checked) out.rows.push(checked.row);
    else out.errors.push(checked.error);
  });
  return out;
}
