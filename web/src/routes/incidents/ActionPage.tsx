// One action alone: what an alert about an action opens (the reader may not be allowed the
// rest of the incident). Its author or a DSL corrects it here: a new revision with a reason,
// the earlier ones kept in its history.

import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type ActionDetail, type ActionRevision, incidentsApi } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { filedName } from "../../lib/filedName";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { AlertBar } from "../alerts/AlertBar";
import { ActionAudience } from "./ActionAudience";
import { ACTION_ACCOUNT_LABELS, ACTION_KIND_LABELS } from "./actionKinds";
import { NotAllowed, SecondFactorPrompt } from "./IncidentPage";

type LoadState =
  | { status: "loading" }
  | { status: "loaded"; action: ActionDetail }
  | { status: "not-found" }
  | { status: "second-factor" }
  | { status: "failed" };

function useAction(id: string | undefined) {
  const { unlockCount } = useSession();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [reloads, setReloads] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads and unlockCount load again on purpose.
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    incidentsApi.action(id, controller.signal).then(
      (action) => setState({ status: "loaded", action }),
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

function Failed() {
  usePageTitle("Sorry, there is a problem");
  return (
    <div className="reading-width">
      <PageHeading>Sorry, there is a problem</PageHeading>
      <p>{GENERAL_MESSAGES.unreachable}</p>
    </div>
  );
}

export function ActionPage({ editing = false }: { editing?: boolean }) {
  const { id } = useParams();
  const { state, reload } = useAction(id);
  const navigate = useNavigate();
  // Kept here, not in the view: a saved change loads the new revision, which remounts the
  // view (keyed by revision), and the message must survive that.
  const [notice, setNotice] = useState("");
  // biome-ignore lint/correctness/useExhaustiveDependencies: another action starts with no message.
  useEffect(() => setNotice(""), [id]);
  if (state.status === "loading") return <Loading />;
  if (state.status === "second-factor") return <SecondFactorPrompt what="this action" />;
  if (state.status === "not-found") return <NotAllowed what="This action" />;
  if (state.status === "failed") return <Failed />;
  return (
    <ActionView
      key={`${state.action.id}-${state.action.revisionId}`}
      action={state.action}
      editing={editing}
      reload={reload}
      notice={notice}
      onSaved={(message) => {
        setNotice(message);
        // Back to reading it: the edit address would open the form again.
        if (editing) navigate(`/actions/${state.action.id}`, { replace: true });
        reload();
      }}
    />
  );
}

function ActionView({
  action,
  editing,
  reload,
  notice,
  onSaved,
}: {
  action: ActionDetail;
  editing: boolean;
  reload: () => void;
  notice: string;
  onSaved: (message: string) => void;
}) {
  const kind = ACTION_KIND_LABELS[action.kind];
  usePageTitle(`${kind}: incident ${action.incident.number}`);
  const [mode, setMode] = useState<"view" | "edit">(editing && action.canEdit ? "edit" : "view");
  const [account, setAccount] = useState(action.account);
  const [outcome, setOutcome] = useState(action.outcome ?? "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<{ account?: string; reason?: string }>({});
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  function fail(list: SummaryError[], fields: { account?: string; reason?: string } = {}) {
    setErrors(list);
    setFieldErrors(fields);
    setFocusKey((key) => key + 1);
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const fields: { account?: string; reason?: string } = {};
    if (!account.trim()) fields.account = "Write what was done";
    if (!reason.trim()) fields.reason = "Say why you are changing it";
    if (fields.account || fields.reason) {
      fail(
        [
          ...(fields.account ? [{ message: fields.account, fieldId: "action-edit-account" }] : []),
          ...(fields.reason ? [{ message: fields.reason, fieldId: "action-edit-reason" }] : []),
        ],
        fields,
      );
      return;
    }
    setBusy(true);
    try {
      await incidentsApi.reviseAction(action.id, {
        baseRevisionId: action.revisionId,
        changes: { account: account.trim(), outcome: outcome.trim() || null },
        reason: reason.trim(),
      });
      setMode("view");
      onSaved("Your change has been saved. The earlier version stays in the history.");
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        fail([
          {
            message:
              "Someone changed this action while you were editing. Your words are still in the boxes: copy them, then select “Reload the action”.",
          },
        ]);
      } else if (error instanceof ApiError && error.status < 500) {
        const fields: { account?: string; reason?: string } = {};
        const list: SummaryError[] = [];
        for (const item of error.problem.errors ?? []) {
          const name = item.path.split(".").pop();
          if (name === "account" || name === "reason") {
            fields[name] = item.message;
            list.push({ message: item.message, fieldId: `action-edit-${name}` });
          } else list.push({ message: item.message });
        }
        fail(
          list.length ? list : [{ message: error.problem.detail ?? error.problem.title }],
          fields,
        );
      } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="reading-width">
      <PageHeading>{kind}</PageHeading>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice && <output className="notice notice--success">{notice}</output>}
      <AlertBar incidentId={action.incident.id} actionId={action.id} />
      <p>
        {action.incident.readable ? (
          <Link to={`/incidents/${action.incident.id}`}>
            An action on incident {action.incident.number}
          </Link>
        ) : (
          `An action on incident ${action.incident.number}. You can read this action because you were alerted to it, not the rest of the incident.`
        )}
      </p>
      <p>
        {action.restricted && <span className="tag">DSL team only</span>}{" "}
        {action.edited && (
          <Link to={`/actions/${action.id}/history`}>
            <span className="tag tag--grey">Edited</span> See the history of changes
          </Link>
        )}
      </p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Pupil</dt>
          <dd className="summary-list__value">{action.pupil.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">When it happened</dt>
          <dd className="summary-list__value">
            <time dateTime={isoDateTime(action.occurredAt)}>
              {formatDateTime(action.occurredAt)}
            </time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Recorded by</dt>
          <dd className="summary-list__value">
            {action.author.name}, {formatDateTime(action.recordedAt)}
          </dd>
        </div>
        {action.agency && (
          <div className="summary-list__row">
            <dt className="summary-list__key">Shared with</dt>
            <dd className="summary-list__value">
              {filedName(action.agency.name, action.agency.filedAs)}
            </dd>
          </div>
        )}
      </dl>
      {mode === "view" ? (
        <>
          <h2>{ACTION_ACCOUNT_LABELS[action.kind]}</h2>
          <p className="account-text">{action.account}</p>
          <h2>Outcome</h2>
          <p>{action.outcome ?? "Not recorded."}</p>
          {action.canEdit && (
            <Button variant="secondary" onClick={() => setMode("edit")}>
              Edit this action
            </Button>
          )}
          {action.canRestrict && <ActionAudience action={action} onSaved={onSaved} />}
        </>
      ) : (
        <form noValidate onSubmit={onSave}>
          <div className={fieldErrors.account ? "form-group form-group--error" : "form-group"}>
            <label className="label" htmlFor="action-edit-account">
              {ACTION_ACCOUNT_LABELS[action.kind]}
            </label>
            {fieldErrors.account && (
              <p className="error-message" id="action-edit-account-error">
                <span className="visually-hidden">Error:</span> {fieldErrors.account}
              </p>
            )}
            <textarea
              id="action-edit-account"
              className={fieldErrors.account ? "textarea textarea--error" : "textarea"}
              rows={6}
              aria-describedby={fieldErrors.account ? "action-edit-account-error" : undefined}
              aria-invalid={fieldErrors.account ? true : undefined}
              value={account}
              onChange={(event) => setAccount(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="action-edit-outcome">
              Outcome (optional)
            </label>
            <textarea
              id="action-edit-outcome"
              className="textarea"
              rows={3}
              value={outcome}
              onChange={(event) => setOutcome(event.target.value)}
            />
          </div>
          <div className={fieldErrors.reason ? "form-group form-group--error" : "form-group"}>
            <label className="label" htmlFor="action-edit-reason">
              Why are you changing it?
            </label>
            <p className="hint" id="action-edit-reason-hint">
              Everyone who can read this action can see the earlier version and your reason.
            </p>
            {fieldErrors.reason && (
              <p className="error-message" id="action-edit-reason-error">
                <span className="visually-hidden">Error:</span> {fieldErrors.reason}
              </p>
            )}
            <input
              id="action-edit-reason"
              className={
                fieldErrors.reason ? "input input--full input--error" : "input input--full"
              }
              aria-describedby={
                fieldErrors.reason
                  ? "action-edit-reason-hint action-edit-reason-error"
                  : "action-edit-reason-hint"
              }
              aria-invalid={fieldErrors.reason ? true : undefined}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Save the change
            </Button>
            <Button variant="secondary" onClick={() => reload()}>
              Reload the action
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

export function ActionHistoryPage() {
  const { id } = useParams();
  const { unlockCount } = useSession();
  const [items, setItems] = useState<ActionRevision[] | null>(null);
  const [failed, setFailed] = useState<"not-found" | "failed" | null>(null);
  usePageTitle("History of changes to an action");
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after unlocking.
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    incidentsApi.actionRevisions(id, controller.signal).then(
      (answer) => setItems(answer.items),
      (error: unknown) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(error instanceof ApiError && error.status < 500 ? "not-found" : "failed");
      },
    );
    return () => controller.abort();
  }, [id, unlockCount]);
  if (failed === "not-found") return <NotAllowed what="This action" />;
  if (failed) return <Failed />;
  if (!items) return <Loading />;
  return (
    <div className="reading-width">
      <PageHeading>History of changes to an action</PageHeading>
      <p>
        <Link to={`/actions/${id}`}>Back to the action</Link>
      </p>
      <ol className="plain-list">
        {[...items].reverse().map((revision) => (
          <li key={revision.id} className="revision">
            <h2>Version {revision.revisionNo}</h2>
            <p className="secondary-text">
              {revision.editedBy.name}, {formatDateTime(revision.editedAt)}
              {revision.reason ? `. Why: ${revision.reason}` : ""}
            </p>
            <p className="account-text">{revision.account}</p>
            {revision.outcome && (
              <p>
                <strong>Outcome:</strong> {revision.outcome}
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
