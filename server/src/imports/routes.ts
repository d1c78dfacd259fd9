// Pupils from the MIS: a CSV export or a DfE Common Transfer File, recognised by content.
// A dry run (the default) says what would change; applying runs in one transaction, and
// any row error means nothing is imported.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { problems } from "../http/problem.ts";
import { requireRosterManager } from "../staff/roster-manager.ts";
import { planAndApply } from "./apply-import.ts";
import type { PupilRow, RowError } from "./pupil-row.ts";
import {
  decodeText,
  Mapping,
  type ParsedImport,
  readCsvPupils,
  readCsvTable,
  resolveMapping,
} from "./read-csv.ts";
import { looksLikeXml, readCtf } from "./read-ctf.ts";
import { refuseSameUpnRace } from "./same-upn-race.ts";

const MAX_FILE_BYTES = 20 * 1024 * 1024;

const Change = z.object({
  line: z.number(),
  upn: z.string(),
  name: z.string(),
  changes: z.array(z.string()),
});

const ImportResult = z.object({
  format: z.enum(["csv", "ctf"]),
  dryRun: z.boolean(),
  /** True only when the import was applied (not a dry run, and no row errors). */
  applied: z.boolean(),
  rows: z.number(),
  adds: z.number(),
  updates: z.number(),
  leavers: z.array(
    z.object({
      pupilId: z.uuid(),
      upn: z.string().nullable(),
      name: z.string(),
      className: z.string().nullable(),
    }),
  ),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  added: z.array(Change),
  updated: z.array(Change),
});

const flag = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true"));

/** A UPN twice in one file is an error on the second line, naming the first. */
function duplicateErrors(rows: readonly PupilRow[]): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const row of rows) {
    const at = first.get(row.upn);
    if (at === undefined) first.set(row.upn, row.line);
    else errors.push({ line: row.line, message: `The UPN ${row.upn} is also on line ${at}.` });
  }
  return errors;
}

export const importRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    // Only these routes read multipart bodies: files and fields arrive as body keys.
    await app.register(multipart, {
      attachFieldsToBody: "keyValues",
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 },
    });

    app.post(
      "/api/v1/imports/pupils",
      {
        bodyLimit: MAX_FILE_BYTES + 1024 * 1024,
        schema: {
          summary:
            "Import pupils from a CSV export or a Common Transfer File (DSL or administrator)",
          tags: ["roster"],
          consumes: ["multipart/form-data"],
          body: z.object({
            file: z.unknown(),
            mapping: z.string().max(10_000).optional(),
            dryRun: flag,
            full: flag,
          }),
          response: { 200: ImportResult },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const { file } = request.body;
        const bytes =
          typeof file === "string" ? Buffer.from(file) : Buffer.isBuffer(file) ? file : null;
        if (!bytes || bytes.length === 0) {
          throw problems.badRequest("Choose a file to import.", [
            { path: "file", message: "Choose a CSV or Common Transfer File (XML)." },
          ]);
        }
        if (bytes.includes(0)) {
          throw problems.badRequest("This is not a CSV or Common Transfer File.", [
            { path: "file", message: "Save the export from your MIS as CSV or XML." },
          ]);
        }
        const dryRun = request.body.dryRun ?? true;
        const text = decodeText(bytes);
        const format: "csv" | "ctf" = looksLikeXml(text) ? "ctf" : "csv";
        let parsed: ParsedImport;
        if (format === "ctf") {
          const read = readCtf(text);
          if ("error" in read)
            throw problems.badRequest(read.error, [{ path: "file", message: read.error }]);
          parsed = read;
        } else {
          let mapping: Mapping | undefined;
          if (request.body.mapping) {
            let json: unknown;
            try {
              json = JSON.parse(request.body.mapping);
            } catch {
              json = undefined;
            }
            const checked = Mapping.safeParse(json);
            if (!checked.success) {
              throw problems.badRequest("The column mapping cannot be read.", [
                { path: "mapping", message: "Choose a column for each field again." },
              ]);
            }
            mapping = checked.data;
          }
          const table = readCsvTable(text);
          const columns = resolveMapping(table.headers, mapping);
          if ("error" in columns) {
            throw problems.badRequest(columns.error, [{ path: "mapping", message: columns.error }]);
          }
          parsed = readCsvPupils(table, columns.columns);
        }
        const errors = [...parsed.errors, ...duplicateErrors(parsed.rows)].sort(
          (a, b) => a.line - b.line,
        );
        if (parsed.rows.length + parsed.errors.length === 0) {
          throw problems.badRequest("The file holds no pupils.", [
            { path: "file", message: "The file has a header but no rows." },
          ]);
        }
        const apply = !dryRun && errors.length === 0;
        // A CTF usually brings a few pupils joining; a CSV is the whole roll.
        const full = request.body.full ?? format === "csv";
        const plan = await refuseSameUpnRace(() =>
          db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
            const result = await planAndApply(tx, who.schoolId, parsed.rows, { apply, full });
            if (apply) {
              await audit(tx, who.schoolId, who.accountId, "pupils.imported", {
                format,
                rows: parsed.rows.length,
                adds: result.adds,
                updates: result.updates,
                proposedLeavers: result.leavers.length,
              });
            }
            return result;
          }),
        );
        return {
          format,
          dryRun,
          applied: apply,
          rows: parsed.rows.length + parsed.errors.length,
          adds: plan.adds,
          updates: plan.updates,
          leavers: plan.leavers,
          errors,
          added: plan.added,
          updated: plan.updated,
        };
      },
    );
  };
