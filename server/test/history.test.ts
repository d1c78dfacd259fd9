// The database itself protects history: whatever the application does, UPDATE, DELETE
// and TRUNCATE on append-only tables are refused — as the application's role and even
// as the owner.

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows, type Tx } from "../src/db/database.ts";
import { databaseError } from "../src/db/database-error.ts";
import {
  accessLog,
  accessLogLinks,
  actionRestrictions,
  actionRevisions,
  actions,
  agencies,
  agencyNames,
  agreementAcceptances,
  alertReads,
  alerts,
  alertWithdrawals,
  auditEvents,
  categories,
  categoryNames,
  chronologyReviews,
  documentEvents,
  documents,
  documentTypeNames,
  documentTypes,
  fileKeys,
  flagTypeNames,
  flagTypes,
  incidentEvents,
  incidentRevisions,
  incidents,
  pupilFlagEnds,
  pupilFlags,
  pupilLeavings,
  pupils,
  schools,
  thresholdDecisions,
  thresholdNames,
  thresholds,
  visitorConcernMatches,
  visitorConcerns,
  visitorLinks,
} from "../src/db/schema/index.ts";
import { APPEND_ONLY_TABLES } from "../src/db/tables.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";

const INCIDENT = randomUUID();
const ALERT = randomUUID();
const ACTION = randomUUID();
const PERSON = randomUUID();
const DOCUMENT = randomUUID();
const PUPIL = randomUUID();
const FLAG_TYPE = randomUUID();
const FLAG = randomUUID();
const CONCERN = randomUUID();

// One row per append-only table; the type makes a new table's author add one here.
const sampleRow: Record<
  (typeof APPEND_ONLY_TABLES)[number],
  (tx: Tx, schoolId: string) => Promise<unknown>
> = {
  access_log: (tx, schoolId) =>
    tx.insert(accessLog).values({ schoolId, action: "pupil.read", outcome: "allowed" }),
  audit_events: (tx, schoolId) =>
    tx.insert(auditEvents).values({ schoolId, type: "school.created", payload: {} }),
  access_log_links: (tx, schoolId) =>
    tx.insert(accessLogLinks).values({ schoolId, position: 1, logId: randomUUID(), hash: "x" }),
  incidents: (tx, schoolId) =>
    tx
      .insert(incidents)
      .values({ schoolId, id: INCIDENT, number: 1, authorId: PERSON, recordedBy: PERSON }),
  incident_revisions: (tx, schoolId) =>
    tx.insert(incidentRevisions).values({
      schoolId,
      incidentId: INCIDENT,
      revisionNo: 1,
      pupilId: randomUUID(),
      account: "What I saw.",
      categoryIds: [],
      linkedPupilIds: [],
      agencyIds: [],
      occurredAt: new Date(),
      status: "open",
      editedBy: PERSON,
    }),
  incident_events: (tx, schoolId) =>
    tx
      .insert(incidentEvents)
      .values({ schoolId, incidentId: INCIDENT, type: "reviewed", payload: {}, byId: PERSON }),
  alerts: (tx, schoolId) =>
    tx.insert(alerts).values({
      schoolId,
      id: ALERT,
      incidentId: INCIDENT,
      recipientId: PERSON,
      via: "direct",
      sentBy: PERSON,
    }),
  alert_reads: (tx, schoolId) => tx.insert(alertReads).values({ schoolId, alertId: ALERT }),
  alert_withdrawals: (tx, schoolId) =>
    tx
      .insert(alertWithdrawals)
      .values({ schoolId, alertId: ALERT, byId: PERSON, reason: "Sent in error" }),
  actions: (tx, schoolId) =>
    tx.insert(actions).values({
      schoolId,
      id: ACTION,
      incidentId: INCIDENT,
      pupilId: randomUUID(),
      kind: "follow_up",
      account: "Spoke to mum at pick-up.",
      occurredAt: new Date(),
      authorId: PERSON,
    }),
  pupil_flags: async (tx, schoolId) => {
    await tx.insert(pupils).values({
      schoolId,
      id: PUPIL,
      legalFirstName: "Sam",
      legalLastName: "Sample",
      dateOfBirth: "2018-01-01",
      sex: "F",
    });
    await tx
      .insert(flagTypes)
      .values({ schoolId, id: FLAG_TYPE, name: "EHCP", area: "send", sortOrder: 1 });
    await tx.insert(pupilFlags).values({
      schoolId,
      id: FLAG,
      pupilId: PUPIL,
      flagTypeId: FLAG_TYPE,
      area: "send",
      startsOn: "2026-09-01",
      note: "Plan issued",
      setBy: PERSON,
    });
  },
  pupil_flag_ends: (tx, schoolId) =>
    tx
      .insert(pupilFlagEnds)
      .values({ schoolId, flagId: FLAG, endsOn: "2026-10-01", reason: "Ceased", endedBy: PERSON }),
  threshold_decisions: async (tx, schoolId) => {
    const [t] = await tx
      .insert(thresholds)
      .values({ schoolId, name: "Early help", sortOrder: 1 })
      .returning();
    await tx.insert(thresholdDecisions).values({
      schoolId,
      pupilId: PUPIL,
      thresholdId: t!.id,
      area: "safeguarding",
      rationale: "Needs met by the family support worker.",
      decidedBy: PERSON,
    });
  },
  chronology_reviews: (tx, schoolId) =>
    tx
      .insert(chronologyReviews)
      .values({ schoolId, pupilId: PUPIL, reviewedOn: "2026-11-01", note: "", reviewedBy: PERSON }),
  action_revisions: (tx, schoolId) =>
    tx.insert(actionRevisions).values({
      schoolId,
      actionId: ACTION,
      revisionNo: 1,
      kind: "follow_up",
      account: "Spoke to mum at pick-up.",
      occurredAt: new Date(),
      editedBy: PERSON,
    }),
  action_restrictions: (tx, schoolId) =>
    tx.insert(actionRestrictions).values({
      schoolId,
      actionId: ACTION,
      restricted: true,
      reason: "Police involved.",
      byId: PERSON,
    }),
  file_keys: (tx, schoolId) =>
    tx.insert(fileKeys).values({ schoolId, version: 1, wrappedKey: "v1.a.b.c" }),
  documents: async (tx, schoolId) => {
    const [pupil] = await tx
      .insert(pupils)
      .values({
        schoolId,
        legalFirstName: "A",
        legalLastName: "B",
        dateOfBirth: "2018-01-01",
        sex: "F",
      })
      .returning();
    return tx.insert(documents).values({
      schoolId,
      id: DOCUMENT,
      pupilId: pupil!.id,
      documentType: "EHCP",
      documentDate: "2026-01-01",
      description: "Plan",
      area: "send",
      fileName: "plan.pdf",
      contentType: "application/pdf",
      size: 1,
      storageName: "x",
      keyVersion: 1,
      uploadedBy: PERSON,
    });
  },
  category_names: async (tx, schoolId) => {
    const [category] = await tx
      .insert(categories)
      .values({ schoolId, name: "Bullying", area: "safeguarding", sortOrder: 1 })
      .returning();
    await tx
      .insert(categoryNames)
      .values({ schoolId, categoryId: category!.id, name: "Bullying", byId: PERSON });
  },
  agency_names: async (tx, schoolId) => {
    const [agency] = await tx
      .insert(agencies)
      .values({ schoolId, name: "Police", sortOrder: 1 })
      .returning();
    await tx.insert(agencyNames).values({ schoolId, agencyId: agency!.id, name: "Police" });
  },
  threshold_names: async (tx, schoolId) => {
    const [t] = await tx
      .insert(thresholds)
      .values({ schoolId, name: "Targeted early help", sortOrder: 2 })
      .returning();
    await tx
      .insert(thresholdNames)
      .values({ schoolId, thresholdId: t!.id, name: "Targeted early help", byId: PERSON });
  },
  flag_type_names: (tx, schoolId) =>
    tx.insert(flagTypeNames).values({ schoolId, flagTypeId: FLAG_TYPE, name: "EHC plan" }),
  document_type_names: async (tx, schoolId) => {
    const [t] = await tx
      .insert(documentTypes)
      .values({ schoolId, name: "PEP", area: "safeguarding", sortOrder: 1 })
      .returning();
    await tx.insert(documentTypeNames).values({ schoolId, documentTypeId: t!.id, name: "PEP" });
  },
  pupil_leavings: (tx, schoolId) =>
    tx
      .insert(pupilLeavings)
      .values({ schoolId, pupilId: PUPIL, leftOn: "2026-07-22", byId: PERSON }),
  document_events: (tx, schoolId) =>
    tx.insert(documentEvents).values({
      schoolId,
      documentId: DOCUMENT,
      type: "uploaded_in_error",
      payload: { reason: "Wrong child" },
      byId: PERSON,
    }),
  agreement_acceptances: (tx, schoolId) =>
    tx.insert(agreementAcceptances).values({ schoolId, accountId: randomUUID(), version: "1" }),
  visitor_concerns: async (tx, schoolId) => {
    const [link] = await tx
      .insert(visitorLinks)
      .values({
        schoolId,
        tokenHash: "x",
        name: "Supply agency",
        singleUse: true,
        expiresAt: new Date(),
        createdBy: PERSON,
      })
      .returning();
    await tx.insert(visitorConcerns).values({
      schoolId,
      id: CONCERN,
      linkId: link!.id,
      visitorName: "A visitor",
      visitorRole: "Supply teacher",
      visitorContact: "07700 900000",
      childName: "A child",
      account: "What I heard.",
      happenedWhen: "This morning",
      addressHash: "x",
    });
  },
  visitor_concern_matches: (tx, schoolId) =>
    tx.insert(visitorConcernMatches).values({
      schoolId,
      concernId: CONCERN,
      incidentId: INCIDENT,
      pupilId: randomUUID(),
      matchedBy: PERSON,
    }),
};

describe.each(DRIVERS)("append-only history on %s", (driver) => {
  let db: Database;
  let schoolId: string;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    schoolId = await db.owner(async (tx) => {
      const [school] = await tx.insert(schools).values({ name: "Test School" }).returning();
      return school!.id;
    });
    // Row triggers fire only for rows that exist: every append-only table gets one.
    await db.owner(async (tx) => {
      for (const table of APPEND_ONLY_TABLES) await sampleRow[table](tx, schoolId);
    });
  });
  afterAll(() => db.close());

  it("lets the application add to the access log", async () => {
    await db.tx({ schoolId, accountId: null }, (tx) =>
      tx.insert(accessLog).values({ schoolId, action: "pupil.read", outcome: "allowed" }),
    );
    const rows = await db.tx({ schoolId, accountId: null }, (tx) => tx.select().from(accessLog));
    expect(rows.map((r) => r.action)).toEqual(["pupil.read", "pupil.read"]);
  });

  for (const table of APPEND_ONLY_TABLES) {
    for (const statement of [
      `update ${table} set school_id = school_id`,
      `delete from ${table}`,
      `truncate ${table} cascade`,
    ]) {
      it(`refuses "${statement}" as the application's role`, async () => {
        const error = await db
          .tx({ schoolId, accountId: null }, (tx) => tx.execute(sql.raw(statement)))
          .then(() => null, databaseError);
        // Privileges refuse first (42501); the trigger would refuse next.
        expect(error?.code).toBe("42501");
      });

      it(`refuses "${statement}" even as the owner`, async () => {
        const error = await db
          .owner((tx) => tx.execute(sql.raw(statement)))
          .then(() => null, databaseError);
        expect(error?.code).toBe("TS001");
        expect(error?.message).toMatch(/Tessera keeps history/);
      });
    }
  }

  it("still holds every row after the refused attempts", async () => {
    for (const table of APPEND_ONLY_TABLES) {
      const rows = await db.owner((tx) => queryRows(tx, sql.raw(`select 1 from ${table}`)));
      expect(rows, table).toHaveLength(table === "access_log" ? 2 : 1);
    }
  });

  it("every append-only table has its refusal triggers", async () => {
    const result = await db.owner((tx) =>
      queryRows<{ table: string }>(
        tx,
        sql`select distinct tgrelid::regclass::text as table from pg_trigger where tgname = 'refuse_update_delete'`,
      ),
    );
    expect(result.map((r) => r.table).sort()).toEqual([...APPEND_ONLY_TABLES].sort());
  });
});
