import { describe, expect, it } from "vitest";
import { createRedactor } from "./redaction.ts";

const child = (id: string, first: string, last: string, preferredFirst: string | null = null) => ({
  id,
  legalFirstName: first,
  legalLastName: last,
  preferredFirstName: preferredFirst,
  preferredLastName: null,
});

describe("redaction", () => {
  const subject = child("s", "Maya", "Patel");
  const amy = child("a", "Amelia", "Jones", "Amy");
  const brother = child("b", "Ravi", "Patel");
  const r = createRedactor(subject, [amy, brother]);

  it("gives each other child one letter everywhere", () => {
    expect(r.label(amy)).toBe("Child A");
    expect(r.label(brother)).toBe("Child B");
    expect(r.text("Amy Jones pushed Maya. Amelia said sorry; Jones was upset.")).toBe(
      "Child A pushed Maya. Child A said sorry; Child A was upset.",
    );
  });

  it("keeps the subject's name, even when a sibling shares the surname", () => {
    expect(r.label(subject)).toBe("Maya Patel");
    expect(r.text("Ravi Patel and Maya Patel walked home; Ravi cried.")).toBe(
      "Child B and Maya Patel walked home; Child B cried.",
    );
  });

  it("does not touch names inside other words", () => {
    expect(r.text("Amyas and Ravioli")).toBe("Amyas and Ravioli");
  });
});
