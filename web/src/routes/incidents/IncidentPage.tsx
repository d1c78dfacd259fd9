// One incident: the record as written, who was alerted and whether they have read it, and the
// actions the reader's abilities allow (never more).

import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type Incident, incidentsApi, type PupilSummary, type Revision } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { Combobox } from "../../components/PupilPicker/Combobox";
import { PupilOption } from "../../components/PupilPicker/PupilOption";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { filedName } from "../../lib/filedName";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession, useSession } from "../../session/SessionContext";
import { AlertBar } from "../alerts/AlertBar";
import { ActionsSection } from "./ActionsSection";
import { BodyPicture } from "./BodyMap";
import { BodyMapPhoto } from "./BodyMapPhoto";
import { TriagePanel } from "./TriagePanel";

type LoadState =
  | { status: "loading" }
  | { status: "loaded"; incident: Incident }
  | { status: "not-found" }
  | { status: "second-factor" }
  | { status: "failed" };

type Mode = "view" | "edit" | "error" | "error-confirm" | "refile" | "triage";

export function useIncident(id: string | undefined) {
  const { unlockCount } = useSession();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [reloads, setReloads] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads and unlockCount load again on purpose.
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    incidentsApi.incident(id, controller.signal).then(
      (incident) => setState({ status: "loaded", incident }),
      (error: unknown) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        if (error instanceof ApiError && error.kind === "second-factor-required") {
          setState({ status: "second-factor" });
        } else if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
          setState({ status: "not-found" });
        } else setState({ status: "failed" });
      },
    );
    return () => controller.abort();
  }, [id, reloads, unlockCount]);
  return { state, reload: () => setReloads((count) => count + 1) };
}

export function SecondFactorPrompt({ what }: { what: string }) {
  const location = useLocation();
  usePageTitle("Enter your code to continue");
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <div className="reading-width">
      <PageHeading>Enter your code to continue</PageHeading>
      <p>To open {what}, enter the code from your authenticator app first.</p>
      <p>
        <Link to={`/sign-in/code?next=${next}`} state={{ from: location }}>
          Enter the code from your authenticator app
        </Link>
      </p>
    </div>
  );
}

export function NotAllowed({ what }: { what: string }) {
  usePageTitle("Not available");
  return (
    <div className="reading-width">
      <PageHeading>Not available</PageHeading>
      <p>
        {what} does not exist or you are not allowed to see it. If you think you should be able to,
        ask your designated safeguarding lead (DSL).
      </p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}

function LoadFailed() {
  usePageTitle("Sorry, there is a problem");
  return (
    <div className="reading-width">
      <PageHeading>Sorry, there is a problem</PageHeading>
      <p>{GENERAL_MESSAGES.unreachable}</p>
    </div>
  );
}

export function IncidentPage() {
  const { id } = useParams();
  const { state, reload } = useIncident(id);
  if (state.status === "loading") return <Loading />;
  if (state.status === "second-factor") return <SecondFactorPrompt what="this incident" />;
  if (state.status === "not-found") return <NotAllowed what="This incident" />;
  if (state.status === "failed") return <LoadFailed />;
  return <IncidentView key={state.incident.id} incident={state.incident} reload={reload} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">{children}</dd>
    </div>
  );
}

function IncidentView({ incident, reload }: { incident: Incident; reload: () => void }) {
  usePageTitle(`Incident ${incident.number}`);
  const session = useCurrentSession();
  const [mode, setMode] = useState<Mode>("view");
  const [notice, setNotice] = useState("");
  const [account, setAccount] = useState(incident.account);
  const [reason, setReason] = useState("");
  const [refilePupil, setRefilePupil] = useState<PupilSummary | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const { abilities } = incident;
  const inError = Boolean(incident.enteredInError);
  const errorReason =
    typeof incident.enteredInError === "object" && incident.enteredInError
      ? incident.enteredInError.reason
      : undefined;

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((key) => key + 1);
  }

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      setErrors([]);
      setMode("view");
      setReason("");
      setNotice(done);
      reload();
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        fail([
          {
            message:
              "Someone changed this incident (or a DSL reviewed it) while you were editing. Your words are still in the box: copy them, then select “Reload the incident”.",
          },
        ]);
      } else if (error instanceof ApiError && error.status < 500) {
        const list = (error.problem.errors ?? []).map((item) => ({ message: item.message }));
        fail(list.length ? list : [{ message: error.problem.detail ?? error.problem.title }]);
      } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
    } finally {
      setBusy(false);
    }
  }

  function needReason(fieldId: string): boolean {
    if (reason.trim()) return true;
    fail([{ message: "Say why", fieldId }]);
    return false;
  }

  function onEdit(event: FormEvent) {
    event.preventDefault();
    if (!account.trim()) {
      fail([{ message: "Write what happened", fieldId: "edit-account" }]);
      return;
    }
    if (!needReason("edit-reason")) return;
    void run(
      () =>
        incidentsApi.edit(incident.id, {
          baseRevisionId: incident.revisionId,
          changes: { account },
          reason: reason.trim(),
        }),
      "Your change has been saved. The earlier version stays in the history.",
    );
  }

  const marks = incident.bodyMap?.marks ?? [];
  const photosAllowed = session?.school.bodyMapPhotos === true;

  return (
    <div className="incident">
      <PageHeading>Incident {incident.number}</PageHeading>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice && <output className="notice notice--success">{notice}</output>}
      {inError && (
        <div className="notice notice--error">
          <strong>Entered in error.</strong> This record was marked as entered in error
          {errorReason ? `: ${errorReason}` : "."} It no longer shows in the pupil’s records.
        </div>
      )}
      <AlertBar incidentId={incident.id} />
      <p>
        {incident.late && <span className="tag tag--warning">Recorded late</span>}{" "}
        {incident.edited && (
          <Link to={`/incidents/${incident.id}/history`}>
            <span className="tag tag--grey">Edited</span> See the history of changes
          </Link>
        )}
      </p>
      <dl className="summary-list">
        <Row label="Pupil">{incident.pupil.name}</Row>
        {incident.linkedPupils.length > 0 && (
          <Row label="Linked pupils">
            {incident.linkedPupils.map((pupil, index) => (
              <span key={pupil.id}>
                {index > 0 && ", "}
                {pupil.name}
              </span>
            ))}
          </Row>
        )}
        <Row label="Categories">
          <ul className="chips">
            {incident.categories.map((category) => (
              <li key={category.id} className="chip">
                {category.filedAs
                  ? `${category.filedAs} (now called ${category.name})`
                  : category.name}
              </li>
            ))}
          </ul>
        </Row>
        <Row label="When it happened">
          <time dateTime={isoDateTime(incident.occurredAt)}>
            {formatDateTime(incident.occurredAt)}
          </time>
        </Row>
        <Row label="When it was recorded">
          <time dateTime={isoDateTime(incident.recordedAt)}>
            {formatDateTime(incident.recordedAt)}
          </time>
          {incident.late && " (recorded late)"}
        </Row>
        {incident.location && <Row label="Where">{incident.location}</Row>}
        <Row label="Status">{incident.status === "open" ? "Open" : "Closed"}</Row>
        <Row label="Recorded by">
          {incident.recordedBy
            ? `${incident.recordedBy.name}, for ${incident.author.name}`
            : incident.author.name}
        </Row>
        {incident.toldDsl && (
          <Row label="Told a DSL in person">
            {incident.toldDsl.told
              ? `Yes${incident.toldDsl.who ? `, ${incident.toldDsl.who}` : ""}${incident.toldDsl.when ? `, ${formatDateTime(incident.toldDsl.when)}` : ""}`
              : "No"}
          </Row>
        )}
        {incident.agencies.length > 0 && (
          <Row label="Agencies">
            {incident.agencies.map((agency) => filedName(agency.name, agency.filedAs)).join(", ")}
          </Row>
        )}
        <Row label="Reviewed by a DSL">
          {incident.reviewedAt ? formatDateTime(incident.reviewedAt) : "Not yet"}
        </Row>
      </dl>

      <h2>What happened</h2>
      <p className="account-text">{incident.account}</p>

      {marks.length > 0 && (
        <>
          <h2>Body map</h2>
          <div className="body-map__pictures">
            <BodyPicture view="front" marks={marks} />
            <BodyPicture view="back" marks={marks} />
          </div>
          <ol className="body-map__marks">
            {marks.map((mark, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: marks are numbered by position.
              <li key={index}>
                {mark.type}, {mark.region.toLowerCase()} ({mark.view})
                {mark.size ? `, ${mark.size}` : ""}
                {mark.note ? `: ${mark.note}` : ""}
              </li>
            ))}
          </ol>
          {photosAllowed && !inError && (
            <BodyMapPhoto incidentId={incident.id} pupilId={incident.pupil.id} />
          )}
        </>
      )}

      <h2>Who was alerted</h2>
      {incident.alerts.length === 0 ? (
        <p>No one was alerted.</p>
      ) : (
        <ul className="plain-list">
          {incident.alerts.map((alert) => (
            <li key={alert.id}>
              {alert.recipient.name}:{" "}
              {alert.readAt ? `read ${formatDateTime(alert.readAt)}` : "not read yet"}
            </li>
          ))}
        </ul>
      )}

      <ActionsSection incident={incident} reload={reload} />

      {(abilities.edit ||
        abilities.review ||
        abilities.triage ||
        abilities.markEnteredInError ||
        abilities.refile) && <h2>What you can do</h2>}
      {mode === "view" && (
        <div className="button-group">
          {abilities.edit && (
            <Button variant="secondary" onClick={() => setMode("edit")}>
              Edit what happened
            </Button>
          )}
          {abilities.triage && (
            <Button onClick={() => setMode("triage")}>
              {incident.reviewedAt ? "Record another threshold decision" : "Triage"}
            </Button>
          )}
          {abilities.review && !incident.reviewedAt && (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() =>
                void run(() => incidentsApi.review(incident.id), "Marked as reviewed.")
              }
            >
              Mark as reviewed
            </Button>
          )}
          {abilities.refile && (
            <Button variant="secondary" onClick={() => setMode("refile")}>
              Re-file to another pupil
            </Button>
          )}
          {abilities.markEnteredInError && !inError && (
            <Button variant="warning" onClick={() => setMode("error")}>
              Mark as entered in error
            </Button>
          )}
        </div>
      )}

      {mode === "triage" && (
        <>
          <TriagePanel
            incident={incident}
            onDone={(message) => {
              setMode("view");
              setNotice(message);
              reload();
            }}
          />
          <Button variant="link" onClick={() => setMode("view")}>
            Cancel
          </Button>
        </>
      )}

      {mode === "edit" && (
        <form noValidate onSubmit={onEdit} className="reading-width">
          <div className="form-group">
            <label className="label" htmlFor="edit-account">
              What happened
            </label>
            <textarea
              id="edit-account"
              className="textarea"
              rows={8}
              value={account}
              onChange={(event) => setAccount(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="edit-reason">
              Why are you changing it?
            </label>
            <p className="hint" id="edit-reason-hint">
              Everyone who can read this incident can see the earlier version and your reason.
            </p>
            <input
              id="edit-reason"
              className="input input--full"
              aria-describedby="edit-reason-hint"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Save the change
            </Button>
            <Button variant="secondary" onClick={() => reload()}>
              Reload the incident
            </Button>
            <Button variant="link" onClick={() => setMode("view")}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {(mode === "error" || mode === "error-confirm") && (
        <div className="reading-width">
          {mode === "error" ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (needReason("error-reason")) {
                  setErrors([]);
                  setMode("error-confirm");
                }
              }}
            >
              <div className="form-group">
                <label className="label" htmlFor="error-reason">
                  Why was this entered in error?
                </label>
                <input
                  id="error-reason"
                  className="input input--full"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </div>
              <div className="button-group">
                <Button type="submit">Continue</Button>
                <Button variant="link" onClick={() => setMode("view")}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <>
              <h3>Check before you mark it</h3>
              <dl className="summary-list">
                <Row label="Incident">{incident.number}</Row>
                <Row label="Reason">{reason}</Row>
              </dl>
              <p>
                The incident leaves the pupil’s records but stays in the audit history. This cannot
                be undone here.
              </p>
              <div className="button-group">
                <Button
                  variant="warning"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => incidentsApi.enteredInError(incident.id, reason.trim()),
                      "Marked as entered in error.",
                    )
                  }
                >
                  Mark as entered in error
                </Button>
                <Button variant="link" onClick={() => setMode("error")}>
                  Change the reason
                </Button>
              </div>
            </>
          )}
        </div>
      )}

      {mode === "refile" && (
        <form
          noValidate
          className="reading-width"
          onSubmit={(event) => {
            event.preventDefault();
            if (!refilePupil) {
              fail([
                { message: "Choose the pupil it should be filed under", fieldId: "refile-pupil" },
              ]);
              return;
            }
            if (!needReason("refile-reason")) return;
            void run(
              () => incidentsApi.refile(incident.id, refilePupil.id, reason.trim()),
              `Re-filed to ${refilePupil.name}.`,
            );
          }}
        >
          {refilePupil ? (
            <div className="form-group">
              <p className="label">Re-file to</p>
              <div className="chosen-pupil">
                <PupilOption pupil={refilePupil} />
                <Button variant="link" onClick={() => setRefilePupil(null)}>
                  Change<span className="visually-hidden"> pupil</span>
                </Button>
              </div>
            </div>
          ) : (
            <Combobox<PupilSummary>
              id="refile-pupil"
              label="Which pupil should it be filed under?"
              noun="pupils"
              search={(text, signal) => incidentsApi.pupils(text, signal).then((r) => r.items)}
              renderOption={(pupil) => <PupilOption pupil={pupil} />}
              exclude={[incident.pupil.id]}
              onChoose={setRefilePupil}
            />
          )}
          <div className="form-group">
            <label className="label" htmlFor="refile-reason">
              Why are you re-filing it?
            </label>
            <input
              id="refile-reason"
              className="input input--full"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Re-file the incident
            </Button>
            <Button variant="link" onClick={() => setMode("view")}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

export function IncidentHistoryPage() {
  const { id } = useParams();
  const { unlockCount } = useSession();
  const [items, setItems] = useState<Revision[] | null>(null);
  const [failed, setFailed] = useState<"not-found" | "failed" | null>(null);
  usePageTitle("History of changes");
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after unlocking.
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    incidentsApi.revisions(id, controller.signal).then(
      (answer) => setItems(answer.items),
      (error: unknown) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(error instanceof ApiError && error.status < 500 ? "not-found" : "failed");
      },
    );
    return () => controller.abort();
  }, [id, unlockCount]);
  if (failed === "not-found") return <NotAllowed what="This incident" />;
  if (failed) return <LoadFailed />;
  if (!items) return <Loading />;
  return (
    <div className="reading-width">
      <PageHeading>History of changes</PageHeading>
      <p>
        <Link to={`/incidents/${id}`}>Back to the incident</Link>
      </p>
      <ol className="plain-list">
        {[...items].reverse().map((revision) => (
          <li key={revision.id} className="revision">
            <h2>Version {revision.revisionNo}</h2>
            <p className="secondary-text">
              {revision.editedBy?.name ?? "Unknown"}, {formatDateTime(revision.editedAt)}
              {revision.reason ? `. Why: ${revision.reason}` : ""}
            </p>
            <p className="account-text">{revision.account}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
