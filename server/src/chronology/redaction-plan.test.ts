import { describe, expect, it } from "vitest";
import type { ChronologyEntry } from "./queries.ts";
import { defaultReplacements, planRedaction, redactorFrom } from "./redaction-plan.ts";

const child = (id: string, first: string, last: string) => ({
  id,
  legalFirstName: first,
  legalLastName: last,
  preferredFirstName: null,
  preferredLastName: null,
});

const entry = (id: string, account: string, others = [] as ReturnType<typeof child>[]) =>
  ({
    type: "incident",
    id,
    incidentId: id,
    number: 1,
    occurredAt: new Date("2026-01-01T10:00:00Z"),
    recordedAt: new Date("2026-01-01T11:00:00Z"),
    categories: [],
    areas: [],
    author: { id: "t", name: "Teacher" },
    account,
    outcome: null,
    status: null,
    edited: false,
    enteredInError: false,
    restricted: false,
    otherPupils: others,
  }) satisfies ChronologyEntry;

describe("the redaction plan", () => {
  const subject = child("s", "Maya", "Patel");
  const grace = child("g", "Grace", "Thistlewood");
  const sam = child("m", "Samir", "Okafor");
  const school = [subject, grace, sam, child("x", "Tom", "Okafor"), child("y", "Ben", "Ng")];

  it("labels linked children first, then pupils of the school named in the text", () => {
    const plan = planRedaction(
      subject,
      [
        entry("e1", "Maya and Grace Thistlewood argued.", [grace]),
        entry("e2", "Ben Ng saw it; BN told me. Later Ng cried."),
      ],
      school,
    );
    expect(plan.labels.get("g")).toBe("Child A");
    expect(plan.labels.get("y")).toBe("Child B");
    const r = redactorFrom(plan.labels, defaultReplacements(plan));
    expect(r.text("Maya and Grace Thistlewood argued.")).toBe("Maya and Child A argued.");
    expect(r.text("Ben Ng saw it; BN told me. Later Ng cried.")).toBe(
      "Child B saw it; Child B told me. Later Child B cried.",
    );
    const initials = plan.replacements.find((p) => p.text === "BN");
    expect(initials).toMatchObject({ review: "initials", apply: true, label: "Child B" });
  });

  it("proposes an ordinary word that is also a name without applying it", () => {
    const plan = planRedaction(
      subject,
      [entry("e1", "Grace Thistlewood was there.", [grace]), entry("e2", "We said grace.")],
      school,
    );
    const word = plan.replacements.find((p) => p.text === "Grace");
    expect(word).toMatchObject({ review: "ordinary-word", apply: false, label: "Child A" });
    expect(word?.foundIn.map((f) => f.entryId)).toEqual(["e2"]);
    const r = redactorFrom(plan.labels, defaultReplacements(plan));
    expect(r.text("We said grace.")).toBe("We said grace.");
    const confirmed = redactorFrom(plan.labels, [
      ...defaultReplacements(plan),
      { text: "Grace", label: "Child A" },
    ]);
    expect(confirmed.text("Grace said grace.")).toBe("Child A said Child A.");
  });

  it("gives a surname several pupils share one label, for the DSL to review", () => {
    const plan = planRedaction(subject, [entry("e1", "Okafor pushed her.")], school);
    expect(plan.replacements).toEqual([
      expect.objectContaining({ text: "Okafor", child: null, review: "surname-only", apply: true }),
    ]);
  });
});
