// Who has looked at this pupil: every read, export and refused attempt (DSL team, with a code).
import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { AccessLogEntry } from "../../api/incidents";
import {
  type AccessLogFilters,
  type ExportPurpose,
  PURPOSE_LABELS,
  pupilsApi,
} from "../../api/pupils";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { PupilRefusal } from "./PupilRefusal";
import { type Refusal, refusalOf } from "./usePupil";
import "./Pupils.css";

const ACTIONS: Record<string, string> = {
  "pupil.read": "Opened the pupil’s page",
  "pupil.access-log.read": "Looked at this access log",
  "incident.read": "Read an incident",
  "incident.revisions.read": "Read the history of changes to an incident",
  "chronology.read": "Read the chronology",
  "chronology.export.pdf": "Downloaded the chronology as a PDF",
  "chronology.export.csv": "Downloaded the chronology as a spreadsheet (CSV)",
  "chronology.redaction-preview": "Saw who the labels in a redacted export stand for",
  "document.download": "Downloaded a document",
};

const REASONS: Record<string, string> = {
  authorship: "They wrote it",
  alert: "They were alerted to it",
  grant: "Their role or class lets them",
  "authorship-or-alert": "Only what they wrote or were alerted to",
  excluded: "They are kept away from this record",
  "no-reason": "They have no reason to see it",
  "second-factor-required": "They had not entered their authenticator code",
  "other-school": "The record belongs to another school",
};

/** "chronology.export.pdf" as plain words; an unknown key becomes "chronology export pdf". */
export function describeAction(action: string): string {
  return ACTIONS[action] ?? action.replace(/[.-]/g, " ");
}

export function describePurpose(purpose: string): string {
  return PURPOSE_LABELS[purpose as ExportPurpose] ?? purpose.replace(/_/g, " ");
}

export function describeReason(reason: string | null): string {
  if (!reason) return "";
  return REASONS[reason] ?? reason.replace(/[.-]/g, " ");
}

type LogState =
  | { status: "loading" }
  | { status: "loaded"; items: AccessLogEntry[] }
  | { status: Refusal };

export function AccessLogPage() {
  const { id = "" } = useParams();
  const { unlockCount } = useSession();
  const [filters, setFilters] = useState<AccessLogFilters>({});
  const [draft, setDraft] = useState<AccessLogFilters>({});
  const [state, setState] = useState<LogState>({ status: "loading" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount loads again on purpose.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    pupilsApi.accessLog(id, filters, controller.signal).then(
      (answer) => setState({ status: "loaded", items: answer.items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const refusal = refusalOf(error);
        if (refusal) setState({ status: refusal });
      },
    );
    return () => controller.abort();
  }, [id, filters, unlockCount]);

  if (state.status !== "loading" && state.status !== "loaded") {
    return <PupilRefusal refusal={state.status} what="who has looked at this pupil" />;
  }

  function onFilter(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...draft });
  }

  return (
    <AccessLogView id={id} state={state} draft={draft} setDraft={setDraft} onFilter={onFilter} />
  );
}

function AccessLogView({
  id,
  state,
  draft,
  setDraft,
  onFilter,
}: {
  id: string;
  state: { status: "loading" } | { status: "loaded"; items: AccessLogEntry[] };
  draft: AccessLogFilters;
  setDraft: (filters: AccessLogFilters) => void;
  onFilter: (event: FormEvent) => void;
}) {
  usePageTitle("Who has looked at this pupil?");
  return (
    <div className="access-log">
      <p>
        <Link to={`/pupils/${id}`}>Back to the pupil’s page</Link>
      </p>
      <PageHeading>Who has looked at this pupil?</PageHeading>
      <p>
        Every time someone opens, reads or downloads this pupil’s records, or is refused, it is
        listed here.
      </p>
      <form className="access-log__filters" onSubmit={onFilter} aria-label="Filter the access log">
        <div className="date-time">
          <TextInput
            id="access-from"
            label="From"
            type="date"
            className="input--date"
            width="short"
            value={draft.from ?? ""}
            onChange={(event) => setDraft({ ...draft, from: event.target.value || undefined })}
          />
          <TextInput
            id="access-to"
            label="To"
            type="date"
            className="input--date"
            width="short"
            value={draft.to ?? ""}
            onChange={(event) => setDraft({ ...draft, to: event.target.value || undefined })}
          />
        </div>
        <Button variant="secondary" type="submit">
          Show these dates
        </Button>
      </form>
      {state.status === "loading" && <Loading label="Loading the access log" />}
      {state.status === "loaded" &&
        (state.items.length === 0 ? (
          <p>Nobody has looked at this pupil’s records in these dates.</p>
        ) : (
          <table className="table table--stacked">
            <caption className="visually-hidden">
              Who has looked at this pupil, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Allowed or refused</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>
                    <span className="table__label">When: </span>
                    <time dateTime={isoDateTime(entry.at)}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>
                    <span className="table__label">Who: </span>
                    {entry.who?.name ?? "Someone no longer known"}
                  </td>
                  <td>
                    <span className="table__label">What: </span>
                    {describeAction(entry.action)}
                    {entry.purpose && (
                      <span className="access-log__reason">
                        For: {describePurpose(entry.purpose)}
                        {entry.purposeDetail ? ` (${entry.purposeDetail})` : ""}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className="table__label">Outcome: </span>
                    {entry.outcome === "allowed" ? (
                      <span className="tag tag--grey">Allowed</span>
                    ) : (
                      <span className="tag tag--warning">Refused</span>
                    )}
                    {entry.reason && (
                      <span className="access-log__reason">{describeReason(entry.reason)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
