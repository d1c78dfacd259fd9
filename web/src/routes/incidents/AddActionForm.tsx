// Add an action to an incident: what kind, for which pupil (or one each for all of them),
// what was done and when, the outcome, who to alert, and — for the DSL team — whether only
// they may see it. What is typed is saved as a server draft a second after typing stops,
// and nothing is lost when the server refuses it or cannot be reached.
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, isHandledByApp, NetworkError } from "../../api/client";
import {
  type ActionKind,
  type Agency,
  type Group,
  type Incident,
  incidentsApi,
  type NewAction,
  type StaffMember,
} from "../../api/incidents";
import { AlertPicker } from "../../components/AlertPicker/AlertPicker";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { formatTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate, localTime, toIso } from "../../lib/localDateTime";
import { ACTION_ACCOUNT_LABELS, ACTION_KIND_LABELS } from "./actionKinds";

type Field =
  | "kind"
  | "pupils"
  | "account"
  | "when"
  | "outcome"
  | "agency"
  | "alerts"
  | "restricted";

const FIELD_IDS: Record<Field, string> = {
  kind: "action-kind-follow_up",
  pupils: "action-pupil-0",
  account: "action-account",
  when: "action-date",
  outcome: "action-outcome",
  agency: "action-agency",
  alerts: "action-alert-staff",
  restricted: "action-restricted",
};

// The server's field names (the last part of an error's path) to the form's.
const API_FIELDS: Record<string, Field> = {
  kind: "kind",
  pupilIds: "pupils",
  allLinked: "pupils",
  account: "account",
  occurredAt: "when",
  outcome: "outcome",
  agencyId: "agency",
  alertUserIds: "alerts",
  alertGroupIds: "alerts",
  restricted: "restricted",
};

interface ActionDraft {
  incidentId: string;
  draftId: string;
  idempotencyKey: string;
  kind: ActionKind;
  /** A pupil's id, or "all" for one action for each pupil of the incident. */
  pupil: string;
  account: string;
  outcome: string;
  agencyId: string;
  date: string;
  time: string;
  restricted: boolean;
  alertGroupIds: string[];
  alertUsers: StaffMember[];
}

function newDraft(incident: Incident): ActionDraft {
  const now = new Date();
  return {
    incidentId: incident.id,
    draftId: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    kind: "follow_up",
    pupil: incident.pupil.id,
    account: "",
    outcome: "",
    agencyId: "",
    date: localDate(now),
    time: localTime(now),
    restricted: false,
    alertGroupIds: [],
    alertUsers: [],
  };
}

export function AddActionForm({
  incident,
  onAdded,
  onCancel,
}: {
  incident: Incident;
  onAdded: (count: number) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<ActionDraft>(() => newDraft(incident));
  const [groups, setGroups] = useState<Group[]>([]);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [savedAt, setSavedAt] = useState("");
  const [saveFailed, setSaveFailed] = useState(false);
  const [restored, setRestored] = useState("");
  const dirty = useRef(false);
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([
      incidentsApi.groups(signal).catch(() => ({ items: [] })),
      incidentsApi.agencies(signal).catch(() => ({ items: [] })),
      incidentsApi.drafts<ActionDraft>(signal, "action").catch(() => ({ items: [] })),
    ]).then(([groupList, agencyList, drafts]) => {
      if (signal.aborted) return;
      setGroups(groupList.items);
      setAgencies(agencyList.items);
      // A draft of an action on this incident is picked up where it was left.
      const mine = drafts.items
        .filter((draft) => draft.content?.incidentId === incident.id)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      if (mine && !dirty.current) {
        setForm({ ...newDraft(incident), ...mine.content, draftId: mine.id });
        setRestored(mine.updatedAt);
      }
    });
    return () => controller.abort();
  }, [incident]);

  const update = useCallback((changes: Partial<ActionDraft>) => {
    dirty.current = true;
    setForm((current) => ({ ...current, ...changes }));
  }, []);

  const saveDraft = useCallback(async () => {
    const current = formRef.current;
    if (!dirty.current || !(current.account.trim() || current.outcome.trim())) return;
    dirty.current = false;
    try {
      const saved = await incidentsApi.saveDraft(current.draftId, current, "action");
      setSavedAt(saved.updatedAt);
      setSaveFailed(false);
    } catch (error) {
      dirty.current = true;
      if (!isHandledByApp(error)) setSaveFailed(true);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every change of the form restarts the wait.
  useEffect(() => {
    if (!dirty.current) return;
    const timer = window.setTimeout(() => void saveDraft(), 1000);
    return () => window.clearTimeout(timer);
  }, [form, saveDraft]);

  function show(found: Partial<Record<Field, string>>, general: SummaryError[] = []) {
    setErrors(found);
    const order = Object.keys(FIELD_IDS) as Field[];
    setSummary([
      ...general,
      ...order.flatMap((field) =>
        found[field] ? [{ message: found[field] as string, fieldId: FIELD_IDS[field] }] : [],
      ),
    ]);
    setFocusKey((key) => key + 1);
  }

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (!form.account.trim()) found.account = "Write what was done";
    const when = toIso(form.date, form.time);
    if (!when) found.when = "Enter the date and time it happened";
    else if (new Date(when).getTime() > Date.now() + 60_000) {
      found.when = "The date and time cannot be in the future";
    }
    if (form.kind === "information_shared" && !form.agencyId) {
      found.agency = "Choose the agency the information was shared with";
    }
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = check();
    if (Object.keys(found).length > 0) {
      show(found);
      return;
    }
    const body: NewAction = {
      kind: form.kind,
      account: form.account.trim(),
      occurredAt: toIso(form.date, form.time) ?? "",
      restricted: incident.abilities.restrictAction && form.restricted,
      alertUserIds: form.alertUsers.map((user) => user.id),
      alertGroupIds: form.alertGroupIds,
    };
    if (form.pupil === "all") body.allLinked = true;
    else body.pupilIds = [form.pupil];
    if (form.outcome.trim()) body.outcome = form.outcome.trim();
    if (form.kind === "information_shared" && form.agencyId) body.agencyId = form.agencyId;
    setSubmitting(true);
    try {
      const result = await incidentsApi.addAction(incident.id, body, form.idempotencyKey);
      dirty.current = false;
      await incidentsApi.deleteDraft(form.draftId).catch(() => undefined);
      onAdded(result.ids.length);
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof NetworkError) {
        show({}, [
          {
            message:
              "Your action has not been added: Tessera could not be reached. Nothing you typed has been lost. Check your connection, then select “Add the action” again.",
          },
        ]);
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        const fromServer: Partial<Record<Field, string>> = {};
        const general: SummaryError[] = [];
        for (const item of error.problem.errors ?? []) {
          const name = item.path.split(/[./]/).find((part) => part in API_FIELDS);
          const field = name ? API_FIELDS[name] : undefined;
          if (field)
            fromServer[field] = [fromServer[field], item.message].filter(Boolean).join(" ");
          else general.push({ message: item.message });
        }
        if (Object.keys(fromServer).length === 0 && general.length === 0) {
          general.push({ message: error.problem.detail ?? error.problem.title });
        }
        show(fromServer, general);
      } else {
        show({}, [
          {
            message:
              error instanceof ApiError && error.status < 500
                ? (error.problem.detail ?? error.problem.title)
                : `${GENERAL_MESSAGES.serverFault} Nothing you typed has been lost.`,
          },
        ]);
      }
    } finally {
      setSubmitting(false);
    }
  }

  const pupils = [incident.pupil, ...incident.linkedPupils];
  const described = (id: string, field: Field, hint = false) =>
    [hint ? `${id}-hint` : "", errors[field] ? `${id}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
  const fieldClass = (field: Field) =>
    errors[field] ? "form-group form-group--error" : "form-group";
  const ErrorText = ({ id, field }: { id: string; field: Field }) =>
    errors[field] ? (
      <p className="error-message" id={`${id}-error`}>
        <span className="visually-hidden">Error:</span> {errors[field]}
      </p>
    ) : null;

  return (
    <form noValidate onSubmit={onSubmit} className="add-action" aria-labelledby="add-action-title">
      <h3 id="add-action-title">Add an action</h3>
      <ErrorSummary errors={summary} focusKey={focusKey} />
      {restored && (
        <p className="notice">
          Your unfinished action from {formatTime(new Date(restored))} is back in the form.
        </p>
      )}

      <div className={fieldClass("kind")}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">What kind of action</legend>
          <ErrorText id="action-kind" field="kind" />
          {(Object.keys(ACTION_KIND_LABELS) as ActionKind[]).map((kind) => (
            <div className="radio" key={kind}>
              <input
                className="radio__input"
                type="radio"
                id={`action-kind-${kind}`}
                name="action-kind"
                checked={form.kind === kind}
                onChange={() => update({ kind })}
              />
              <label className="radio__label" htmlFor={`action-kind-${kind}`}>
                {ACTION_KIND_LABELS[kind]}
              </label>
            </div>
          ))}
        </fieldset>
      </div>

      {pupils.length > 1 && (
        <div className={fieldClass("pupils")}>
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Which pupil is it for</legend>
            <ErrorText id="action-pupil" field="pupils" />
            {pupils.map((pupil, index) => (
              <div className="radio" key={pupil.id}>
                <input
                  className="radio__input"
                  type="radio"
                  id={`action-pupil-${index}`}
                  name="action-pupil"
                  checked={form.pupil === pupil.id}
                  onChange={() => update({ pupil: pupil.id })}
                />
                <label className="radio__label" htmlFor={`action-pupil-${index}`}>
                  {pupil.name}
                </label>
              </div>
            ))}
            <div className="radio">
              <input
                className="radio__input"
                type="radio"
                id="action-pupil-all"
                name="action-pupil"
                checked={form.pupil === "all"}
                onChange={() => update({ pupil: "all" })}
              />
              <label className="radio__label" htmlFor="action-pupil-all">
                All {pupils.length} pupils (one action for each)
              </label>
            </div>
          </fieldset>
        </div>
      )}

      {form.kind === "information_shared" && (
        <div className={fieldClass("agency")}>
          <label className="label" htmlFor="action-agency">
            Which agency
          </label>
          <ErrorText id="action-agency" field="agency" />
          <select
            id="action-agency"
            className={errors.agency ? "select select--error" : "select"}
            aria-describedby={described("action-agency", "agency")}
            aria-invalid={errors.agency ? true : undefined}
            value={form.agencyId}
            onChange={(event) => update({ agencyId: event.target.value })}
          >
            <option value="">Choose an agency</option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </div>
      )}

      <div className={fieldClass("account")}>
        <label className="label" htmlFor="action-account">
          {ACTION_ACCOUNT_LABELS[form.kind]}
        </label>
        <p className="hint" id="action-account-hint">
          Write the facts: who, what and how.
        </p>
        <ErrorText id="action-account" field="account" />
        <textarea
          id="action-account"
          className={errors.account ? "textarea textarea--error" : "textarea"}
          rows={5}
          aria-describedby={described("action-account", "account", true)}
          aria-invalid={errors.account ? true : undefined}
          value={form.account}
          onChange={(event) => update({ account: event.target.value })}
          onBlur={() => void saveDraft()}
        />
      </div>

      <div className={fieldClass("when")}>
        <fieldset className="fieldset" aria-describedby={described("action-when", "when")}>
          <legend className="fieldset__legend">When it happened</legend>
          <ErrorText id="action-when" field="when" />
          <div className="add-action__when">
            <div className="form-group">
              <label className="label" htmlFor="action-date">
                Date
              </label>
              <input
                id="action-date"
                type="date"
                className={errors.when ? "input input--date input--error" : "input input--date"}
                max={localDate(new Date())}
                value={form.date}
                onChange={(event) => update({ date: event.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="label" htmlFor="action-time">
                Time
              </label>
              <input
                id="action-time"
                type="time"
                className={errors.when ? "input input--time input--error" : "input input--time"}
                value={form.time}
                onChange={(event) => update({ time: event.target.value })}
              />
            </div>
          </div>
        </fieldset>
      </div>

      <div className={fieldClass("outcome")}>
        <label className="label" htmlFor="action-outcome">
          Outcome (optional)
        </label>
        <ErrorText id="action-outcome" field="outcome" />
        <textarea
          id="action-outcome"
          className={errors.outcome ? "textarea textarea--error" : "textarea"}
          rows={3}
          aria-describedby={described("action-outcome", "outcome")}
          aria-invalid={errors.outcome ? true : undefined}
          value={form.outcome}
          onChange={(event) => update({ outcome: event.target.value })}
        />
      </div>

      <div className="form-group">
        <AlertPicker
          id="action-alert-staff"
          legend="Alert staff (optional)"
          hint="They can read this action, not the rest of the incident."
          groups={groups}
          groupIds={form.alertGroupIds}
          users={form.alertUsers}
          error={errors.alerts}
          onChange={({ groupIds, users }) =>
            update({
              ...(groupIds ? { alertGroupIds: groupIds } : {}),
              ...(users ? { alertUsers: users } : {}),
            })
          }
        />
      </div>

      {incident.abilities.restrictAction && (
        <Checkbox
          id="action-restricted"
          label="Only the DSL team may see this"
          hint="The member of staff who raised the concern will not see this action or its outcome."
          error={errors.restricted}
          checked={form.restricted}
          onChange={(event) => update({ restricted: event.target.checked })}
        />
      )}

      <div className="button-group">
        <Button type="submit" aria-disabled={submitting}>
          Add the action
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <output className="secondary-text">
        {saveFailed
          ? "The draft could not be saved just now. Keep this page open."
          : savedAt
            ? `Draft saved at ${formatTime(new Date(savedAt))}`
            : ""}
      </output>
    </form>
  );
}
