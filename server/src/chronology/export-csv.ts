import { stringify } from "csv-stringify/sync";
import type { ChronologyEntry } from "./queries.ts";
import { ENTRY_LABELS, isLate } from "./queries.ts";
import type { Redactor } from "./redaction.ts";

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

export function chronologyCsv(entries: ChronologyEntry[], redact: Redactor | null): string {
  const text = (s: string) => (redact ? redact.text(s) : s);
  return stringify(
    entries.map((e) => ({
      "Happened (UTC)": when(e.occurredAt),
      "Recorded (UTC)": when(e.recordedAt),
      "Recorded late": isLate(e) ? "yes" : "",
      Type: ENTRY_LABELS[e.type],
      "Incident number": e.number ?? "",
      Categories: e.categories.join("; "),
      "Written by": e.author.name,
      Account: text(e.account),
      Outcome: e.outcome ? text(e.outcome) : "",
      "Other pupils": e.otherPupils
        .map((p) =>
          redact
            ? redact.label(p)
            : `${p.preferredFirstName ?? p.legalFirstName} ${p.preferredLastName ?? p.legalLastName}`,
        )
        .join("; "),
      Edited: e.edited ? "yes" : "",
      Status: e.status ?? "",
    })),
    // A cell starting =, +, -, @, tab or return gets a leading apostrophe: no spreadsheet
    // runs a formula someone typed into an account.
    { header: true, bom: true, escape_formulas: true },
  );
}
