// The flags a new school starts with (PRODUCT.md capability 6; issue #7). Each has the
// area that decides who may see it: CP and CIN are safeguarding or child protection,
// EHCP and SEN support are SEND, medical ones medical. The migration that introduced
// flags (0011_dsl_desk.sql) gave existing schools the same list.
import type { Area } from "../db/schema/index.ts";

export const DEFAULT_FLAGS: readonly {
  key: string;
  name: string;
  area: Area;
  dslOnly: boolean;
}[] = [
  // Seed 004 §8: the DSL opens and closes a child protection file, with a reason.
  { key: "cp_file", name: "Child protection file", area: "child_protection", dslOnly: true },
  { key: "cp_plan", name: "Child protection plan", area: "child_protection", dslOnly: true },
  { key: "cin", name: "Child in need", area: "safeguarding", dslOnly: true },
  { key: "cla", name: "Looked after", area: "safeguarding", dslOnly: true },
  {
    key: "previously_looked_after",
    name: "Previously looked after",
    area: "safeguarding",
    dslOnly: true,
  },
  { key: "private_fostering", name: "Private fostering", area: "safeguarding", dslOnly: true },
  { key: "young_carer", name: "Young carer", area: "general", dslOnly: false },
  { key: "ehcp", name: "EHCP", area: "send", dslOnly: false },
  { key: "sen_support", name: "SEN support", area: "send", dslOnly: false },
  { key: "medical", name: "Medical condition (IHCP)", area: "medical", dslOnly: false },
];
