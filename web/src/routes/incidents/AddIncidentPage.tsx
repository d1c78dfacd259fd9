// Add incident: one page, phone first, in the order staff know (seed 002). What is typed is
// saved as a server draft a second after typing stops, and kept whatever happens on submit.
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, isHandledByApp, NetworkError } from "../../api/client";
import {
  type Agency,
  type AlertRecipient,
  type BodyMark,
  type Category,
  type Group,
  type IncidentForm,
  incidentsApi,
  type NewIncident,
  type PupilSummary,
  type StaffMember,
} from "../../api/incidents";
import { AlertPicker, StaffOption } from "../../components/AlertPicker/AlertPicker";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { Combobox } from "../../components/PupilPicker/Combobox";
import { PupilOption } from "../../components/PupilPicker/PupilOption";
import { formatDateTime, formatTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate, localTime, toIso } from "../../lib/localDateTime";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession } from "../../session/SessionContext";
import { BodyMapField } from "./BodyMap";
import { writingPrompts } from "./writingHelp";
import "./AddIncident.css";

interface FormState {
  draftId: string;
  idempotencyKey: string;
  pupil: PupilSummary | null;
  account: string;
  location: string;
  categoryIds: string[];
  linkedPupils: PupilSummary[];
  marks: BodyMark[];
  date: string;
  time: string;
  alertGroupIds: string[];
  alertUsers: StaffMember[];
  agencyIds: string[];
  status: "open" | "closed";
  toldDsl: "" | "yes" | "no";
  toldWho: string;
  toldDate: string;
  toldTime: string;
  onBehalf: boolean;
  onBehalfOf: StaffMember | null;
}

type Field =
  | "pupil"
  | "account"
  | "location"
  | "categories"
  | "linked"
  | "bodyMap"
  | "when"
  | "alerts"
  | "agencies"
  | "status"
  | "toldDsl"
  | "onBehalfOf";

const FIELD_IDS: Record<Field, string> = {
  onBehalfOf: "on-behalf-of",
  pupil: "pupil",
  account: "account",
  location: "location",
  categories: "category-filter",
  linked: "linked-pupils",
  bodyMap: "mark-region",
  when: "occurred-date",
  alerts: "alert-staff",
  agencies: "agencies",
  status: "status-open",
  toldDsl: "told-dsl-yes",
};

/** The API's field names, to put its messages beside the right field. */
const API_FIELDS: Record<string, Field> = {
  pupilId: "pupil",
  account: "account",
  location: "location",
  categoryIds: "categories",
  linkedPupilIds: "linked",
  bodyMap: "bodyMap",
  occurredAt: "when",
  alertUserIds: "alerts",
  alertGroupIds: "alerts",
  agencyIds: "agencies",
  status: "status",
  toldDsl: "toldDsl",
  onBehalfOf: "onBehalfOf",
};

function newForm(pupil: PupilSummary | null = null): FormState {
  const now = new Date();
  return {
    draftId: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    pupil,
    account: "",
    location: "",
    categoryIds: [],
    linkedPupils: [],
    marks: [],
    date: localDate(now),
    time: localTime(now),
    alertGroupIds: [],
    alertUsers: [],
    agencyIds: [],
    status: "open",
    toldDsl: "",
    toldWho: "",
    toldDate: localDate(now),
    toldTime: localTime(now),
    onBehalf: false,
    onBehalfOf: null,
  };
}

function hasContent(form: FormState): boolean {
  return Boolean(
    form.pupil ||
      form.account.trim() ||
      form.location.trim() ||
      form.categoryIds.length ||
      form.marks.length,
  );
}

interface Reference {
  categories: Category[];
  groups: Group[];
  agencies: Agency[];
  form: IncidentForm;
}

interface Added {
  id: string;
  number: number;
  recipients: AlertRecipient[];
}

const VIA_LABEL: Record<AlertRecipient["via"], string> = {
  direct: "chosen by you",
  group: "in a group you chose",
  preset: "alerted to every incident like this",
};

/** Pre-set recipients by the rule that alerts them: [rule in words, names]. */
function byRule(recipients: readonly AlertRecipient[]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const r of recipients) {
    if (r.via !== "preset") continue;
    const rule = r.rule ?? "a pre-set alert";
    out.set(rule, [...(out.get(rule) ?? []), r.name]);
  }
  return [...out];
}

export function AddIncidentPage() {
  const session = useCurrentSession();
  const location = useLocation();
  const prefillPupil = (location.state as { pupil?: PupilSummary } | null)?.pupil ?? null;

  const [reference, setReference] = useState<Reference | null>(null);
  const assignDslOnly = reference?.form.abilities.assignDslOnly ?? false;
  const [loadFailed, setLoadFailed] = useState(false);
  const [offer, setOffer] = useState<{ content: FormState; updatedAt: string } | null>(null);
  const [form, setForm] = useState<FormState>(() => newForm(prefillPupil));
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [added, setAdded] = useState<Added | null>(null);
  const [recipients, setRecipients] = useState<AlertRecipient[]>([]);
  const [filter, setFilter] = useState("");
  const [dismissed, setDismissed] = useState<string[]>([]);
  const dirty = useRef(false);
  const formRef = useRef(form);
  formRef.current = form;

  usePageTitle(added ? `Incident ${added.number} added` : "Add incident");

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([
      incidentsApi.categories(signal),
      incidentsApi.groups(signal),
      incidentsApi.agencies(signal),
      incidentsApi.form(signal),
      incidentsApi.drafts<FormState>(signal).catch(() => ({ items: [] })),
    ]).then(
      ([categories, groups, agencies, incidentForm, drafts]) => {
        setReference({
          categories: categories.items,
          groups: groups.items,
          agencies: agencies.items,
          form: incidentForm,
        });
        const latest = [...drafts.items]
          .filter((draft) => draft.content && typeof draft.content === "object")
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        if (latest && !prefillPupil) {
          setOffer({
            content: { ...latest.content, draftId: latest.id },
            updatedAt: latest.updatedAt,
          });
        }
      },
      (error: unknown) => {
        if (signal.aborted || isHandledByApp(error)) return;
        setLoadFailed(true);
      },
    );
    return () => controller.abort();
  }, [prefillPupil]);

  const update = useCallback((changes: Partial<FormState>) => {
    dirty.current = true;
    setForm((current) => ({ ...current, ...changes }));
  }, []);

  const saveDraft = useCallback(async () => {
    const current = formRef.current;
    if (!dirty.current || !hasContent(current)) return;
    dirty.current = false;
    try {
      const saved = await incidentsApi.saveDraft(current.draftId, current);
      setSavedAt(saved.updatedAt);
      setSaveFailed(false);
    } catch (error) {
      dirty.current = true;
      if (!isHandledByApp(error)) setSaveFailed(true);
    }
  }, []);

  // Autosave a second after the last change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: every change of the form restarts the wait.
  useEffect(() => {
    if (!dirty.current || added || offer) return;
    const timer = window.setTimeout(() => void saveDraft(), 1000);
    return () => window.clearTimeout(timer);
  }, [form, saveDraft, added, offer]);

  // Who will be alerted: the server says, pre-set alerts included.
  const pupilId = form.pupil?.id;
  const previewKey = JSON.stringify([
    pupilId,
    form.categoryIds,
    form.linkedPupils.map((pupil) => pupil.id),
    form.alertUsers.map((user) => user.id),
    form.alertGroupIds,
  ]);
  useEffect(() => {
    const [id, categoryIds, linkedPupilIds, alertUserIds, alertGroupIds] = JSON.parse(
      previewKey,
    ) as [string | undefined, string[], string[], string[], string[]];
    if (!id) {
      setRecipients([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      incidentsApi
        .alertPreview(
          { pupilId: id, categoryIds, linkedPupilIds, alertUserIds, alertGroupIds },
          controller.signal,
        )
        .then(
          (answer) => setRecipients(answer.recipients),
          () => undefined,
        );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [previewKey]);

  const visibleCategories = useMemo(
    () =>
      (reference?.categories ?? [])
        .filter((category) => assignDslOnly || !category.dslOnly)
        .map((category) => ({
          ...category,
          subcategories: category.subcategories.filter((sub) => assignDslOnly || !sub.dslOnly),
        })),
    [reference, assignDslOnly],
  );
  const categoryById = useMemo(() => {
    const map = new Map<string, { id: string; name: string; area: string }>();
    for (const category of reference?.categories ?? []) {
      map.set(category.id, category);
      for (const sub of category.subcategories) map.set(sub.id, sub);
    }
    return map;
  }, [reference]);
  const safeguarding = form.categoryIds.some((id) => {
    const area = categoryById.get(id)?.area;
    return area === "safeguarding" || area === "child_protection";
  });
  const prompts = writingPrompts(form.account, reference?.form.writingHelp, safeguarding).filter(
    (prompt) => !dismissed.includes(prompt.key),
  );

  if (loadFailed) {
    return (
      <div className="reading-width">
        <PageHeading>Sorry, there is a problem</PageHeading>
        <p>Tessera could not load the incident form. Check your connection, then try again.</p>
        <p>If a child is at risk, tell your designated safeguarding lead (DSL) in person now.</p>
      </div>
    );
  }
  const automatic = byRule(recipients);
  const chosen = recipients.filter((r) => r.via !== "preset");
  if (!reference || !session) return <Loading />;

  if (added) {
    return (
      <div className="reading-width">
        <div className="panel">
          <PageHeading>Incident {added.number} added</PageHeading>
          <p className="panel__body">Thank you for recording it.</p>
        </div>
        <h2>Who was alerted</h2>
        {added.recipients.length === 0 ? (
          <p>No one was alerted.</p>
        ) : (
          <ul>
            {added.recipients.map((recipient) => (
              <li key={recipient.id}>{recipient.name}</li>
            ))}
          </ul>
        )}
        <p>
          If you are still worried about the child, speak to your designated safeguarding lead (DSL)
          in person.
        </p>
        <div className="button-group">
          <Link to={`/incidents/${added.id}`} className="button">
            Open incident {added.number}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setAdded(null);
              setForm(newForm());
              setSavedAt(null);
              setDismissed([]);
              dirty.current = false;
            }}
          >
            Add another incident
          </Button>
        </div>
      </div>
    );
  }

  if (offer) {
    return (
      <div className="reading-width">
        <PageHeading>Add incident</PageHeading>
        <p className="lead">
          You have a draft incident from {formatDateTime(offer.updatedAt)}
          {offer.content.pupil ? ` about ${offer.content.pupil.name}` : ""}.
        </p>
        <div className="button-group">
          <Button
            onClick={() => {
              setForm({ ...newForm(), ...offer.content });
              setSavedAt(offer.updatedAt);
              setOffer(null);
            }}
          >
            Carry on with your draft
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              incidentsApi.deleteDraft(offer.content.draftId).catch(() => undefined);
              setOffer(null);
            }}
          >
            Start again
          </Button>
        </div>
      </div>
    );
  }

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (form.onBehalf && !form.onBehalfOf) found.onBehalfOf = "Choose who you are recording for";
    if (!form.pupil) found.pupil = "Choose the pupil this is about";
    if (!form.account.trim()) found.account = "Write what happened";
    if (form.categoryIds.length === 0) found.categories = "Choose at least one category";
    const occurred = toIso(form.date, form.time);
    if (!occurred) found.when = "Enter the date and time it happened";
    else if (new Date(occurred).getTime() > Date.now() + 60_000) {
      found.when = "The date and time it happened cannot be in the future";
    }
    if (safeguarding && form.toldDsl === "yes" && !form.toldWho.trim()) {
      found.toldDsl = "Say which DSL you told";
    }
    return found;
  }

  function show(found: Partial<Record<Field, string>>, extra: SummaryError[] = []) {
    setErrors(found);
    const list: SummaryError[] = [...extra];
    for (const field of Object.keys(FIELD_IDS) as Field[]) {
      const message = found[field];
      if (message) list.push({ message, fieldId: FIELD_IDS[field] });
    }
    setSummary(list);
    setFocusKey((key) => key + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = check();
    if (Object.keys(found).length > 0) {
      show(found);
      return;
    }
    const occurredAt = toIso(form.date, form.time) ?? "";
    const body: NewIncident = {
      pupilId: form.pupil?.id ?? "",
      account: form.account,
      categoryIds: form.categoryIds,
      linkedPupilIds: form.linkedPupils.map((pupil) => pupil.id),
      occurredAt,
      alertUserIds: form.alertUsers.map((user) => user.id),
      alertGroupIds: form.alertGroupIds,
      agencyIds: form.agencyIds,
      status: form.status,
      draftId: form.draftId,
    };
    if (form.location.trim()) body.location = form.location.trim();
    if (form.marks.length > 0) body.bodyMap = { marks: form.marks };
    if (safeguarding && form.toldDsl) {
      body.toldDsl =
        form.toldDsl === "yes"
          ? {
              told: true,
              who: form.toldWho.trim(),
              ...(toIso(form.toldDate, form.toldTime)
                ? { when: toIso(form.toldDate, form.toldTime) }
                : {}),
            }
          : { told: false };
    }
    if (form.onBehalf && form.onBehalfOf) body.onBehalfOf = form.onBehalfOf.id;
    setSubmitting(true);
    try {
      const result = await incidentsApi.add(body, form.idempotencyKey);
      dirty.current = false;
      setErrors({});
      setSummary([]);
      setAdded({ id: result.id, number: result.number, recipients });
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof NetworkError) {
        show({}, [
          {
            message:
              "Your incident has not been sent: Tessera could not be reached. Nothing you typed has been lost. Check your connection, then select “Add incident” again.",
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

  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((item) => item !== id) : [...list, id];
  const filterText = filter.trim().toLowerCase();
  const describe = (id: string, hint: boolean) =>
    [hint ? `${id}-hint` : "", errors[fieldFor(id)] ? `${id}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;

  return (
    <div className="add-incident">
      <PageHeading>Add incident</PageHeading>
      <ErrorSummary errors={summary} focusKey={focusKey} />
      <form
        noValidate
        onSubmit={onSubmit}
        onBlur={() => void saveDraft()}
        className="add-incident__form"
      >
        {reference?.form.abilities.recordOnBehalf && (
          <div className="form-group">
            <div className="checkbox">
              <input
                id="on-behalf"
                type="checkbox"
                className="checkbox__input"
                checked={form.onBehalf}
                onChange={(event) => update({ onBehalf: event.target.checked })}
              />
              <label className="checkbox__label" htmlFor="on-behalf">
                Recording for someone else
              </label>
            </div>
            {form.onBehalf &&
              (form.onBehalfOf ? (
                <p>
                  Recording for <strong>{form.onBehalfOf.name}</strong>{" "}
                  <Button variant="link" onClick={() => update({ onBehalfOf: null })}>
                    Change<span className="visually-hidden"> who you are recording for</span>
                  </Button>
                </p>
              ) : (
                <Combobox<StaffMember>
                  id="on-behalf-of"
                  label="Who told you about it?"
                  hint="Type their name"
                  error={errors.onBehalfOf}
                  noun="staff"
                  search={(text, signal) => incidentsApi.staff(text, signal).then((r) => r.items)}
                  renderOption={(staff) => <StaffOption staff={staff} />}
                  onChoose={(staff) => update({ onBehalfOf: staff })}
                />
              ))}
          </div>
        )}

        {form.pupil ? (
          <div className="form-group">
            <p className="label" id="pupil-chosen-label">
              Pupil
            </p>
            <div className="chosen-pupil">
              <PupilOption pupil={form.pupil} />
              <Button
                variant="link"
                onClick={() => {
                  update({ pupil: null });
                  window.setTimeout(() => document.getElementById("pupil")?.focus(), 0);
                }}
              >
                Change<span className="visually-hidden"> pupil</span>
              </Button>
            </div>
          </div>
        ) : (
          <Combobox<PupilSummary>
            id="pupil"
            label="Pupil"
            hint="Type their first name or surname, then choose them from the list"
            error={errors.pupil}
            noun="pupils"
            search={(text, signal) => incidentsApi.pupils(text, signal).then((r) => r.items)}
            renderOption={(pupil) => <PupilOption pupil={pupil} />}
            exclude={form.linkedPupils.map((pupil) => pupil.id)}
            onChoose={(pupil) => update({ pupil })}
          />
        )}

        <div className={errors.account ? "form-group form-group--error" : "form-group"}>
          <label className="label" htmlFor="account">
            What happened
          </label>
          <div className="hint" id="account-hint">
            <p>Write only facts, in your own words:</p>
            <ul>
              <li>what you saw, heard or were told</li>
              <li>when and where it happened</li>
              <li>what you did next, and who you told</li>
              <li>what the child said, in their own words and in quotation marks</li>
            </ul>
          </div>
          {errors.account && (
            <p className="error-message" id="account-error">
              <span className="visually-hidden">Error:</span> {errors.account}
            </p>
          )}
          <textarea
            id="account"
            className={errors.account ? "textarea textarea--error" : "textarea"}
            rows={8}
            aria-describedby={describe("account", true)}
            aria-invalid={errors.account ? true : undefined}
            value={form.account}
            onChange={(event) => update({ account: event.target.value })}
          />
          {prompts.length > 0 && (
            <aside className="writing-help" aria-label="Writing tips">
              <h2 className="writing-help__title">Writing tips</h2>
              <p className="writing-help__intro">
                These are suggestions only. You can add the incident as it is.
              </p>
              <ul className="writing-help__list">
                {prompts.map((prompt) => (
                  <li key={prompt.key} className="writing-help__item">
                    <span>{prompt.message}</span>{" "}
                    <Button
                      variant="link"
                      className="writing-help__dismiss"
                      onClick={() => setDismissed((list) => [...list, prompt.key])}
                    >
                      Hide this tip
                    </Button>
                  </li>
                ))}
              </ul>
            </aside>
          )}
        </div>

        <div className="form-group">
          <label className="label" htmlFor="location">
            Where it happened (optional)
          </label>
          <p className="hint" id="location-hint">
            For example, “Year 3 classroom” or “top playground”
          </p>
          <input
            id="location"
            className="input input--full"
            aria-describedby="location-hint"
            value={form.location}
            onChange={(event) => update({ location: event.target.value })}
          />
        </div>

        <div className={errors.categories ? "form-group form-group--error" : "form-group"}>
          <fieldset className="fieldset" aria-describedby={describe("categories", true)}>
            <legend className="fieldset__legend">Categories</legend>
            <p className="hint" id="categories-hint">
              Choose at least one. Choosing a category shows its more specific ones.
            </p>
            {errors.categories && (
              <p className="error-message" id="categories-error">
                <span className="visually-hidden">Error:</span> {errors.categories}
              </p>
            )}
            {form.categoryIds.length > 0 && (
              <ul className="chips" aria-label="Chosen categories">
                {form.categoryIds.map((id) => (
                  <li key={id} className="chip">
                    {categoryById.get(id)?.name ?? "Unknown category"}
                    <button
                      type="button"
                      className="chip__remove"
                      onClick={() =>
                        update({ categoryIds: form.categoryIds.filter((c) => c !== id) })
                      }
                    >
                      Remove<span className="visually-hidden"> {categoryById.get(id)?.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="form-group">
              <label className="label" htmlFor="category-filter">
                Find a category
              </label>
              <input
                id="category-filter"
                type="search"
                className="input input--full"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
            </div>
            <div className="categories">
              {visibleCategories.map((category) => {
                const nameMatches = !filterText || category.name.toLowerCase().includes(filterText);
                const subs = category.subcategories.filter(
                  (sub) =>
                    !filterText ||
                    nameMatches ||
                    sub.name.toLowerCase().includes(filterText) ||
                    form.categoryIds.includes(sub.id),
                );
                const matchingSubs = filterText
                  ? category.subcategories.some((sub) =>
                      sub.name.toLowerCase().includes(filterText),
                    )
                  : false;
                if (!nameMatches && !matchingSubs && !form.categoryIds.includes(category.id)) {
                  return null;
                }
                const open =
                  form.categoryIds.includes(category.id) ||
                  matchingSubs ||
                  category.subcategories.some((sub) => form.categoryIds.includes(sub.id));
                return (
                  <div key={category.id} className="category">
                    <CheckboxRow
                      id={`category-${category.id}`}
                      label={category.name}
                      checked={form.categoryIds.includes(category.id)}
                      onChange={() =>
                        update({ categoryIds: toggle(form.categoryIds, category.id) })
                      }
                    />
                    {open && subs.length > 0 && (
                      <ul className="category__subs" aria-label={`${category.name}: more specific`}>
                        {subs.map((sub) => (
                          <li key={sub.id}>
                            <CheckboxRow
                              id={`category-${sub.id}`}
                              label={sub.name}
                              checked={form.categoryIds.includes(sub.id)}
                              onChange={() =>
                                update({ categoryIds: toggle(form.categoryIds, sub.id) })
                              }
                            />
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>

        <div className="form-group">
          {form.linkedPupils.length > 0 && (
            <>
              <p className="label">Linked pupils chosen</p>
              <ul className="chips" aria-label="Linked pupils">
                {form.linkedPupils.map((pupil) => (
                  <li key={pupil.id} className="chip">
                    {pupil.name}
                    <button
                      type="button"
                      className="chip__remove"
                      onClick={() =>
                        update({ linkedPupils: form.linkedPupils.filter((p) => p.id !== pupil.id) })
                      }
                    >
                      Remove<span className="visually-hidden"> {pupil.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Combobox<PupilSummary>
            id="linked-pupils"
            label="Linked pupils (optional)"
            hint="Other children involved. Their names can then be kept out of copies shared outside school."
            error={errors.linked}
            noun="pupils"
            search={(text, signal) => incidentsApi.pupils(text, signal).then((r) => r.items)}
            renderOption={(pupil) => <PupilOption pupil={pupil} />}
            exclude={[
              ...(form.pupil ? [form.pupil.id] : []),
              ...form.linkedPupils.map((p) => p.id),
            ]}
            onChoose={(pupil) => update({ linkedPupils: [...form.linkedPupils, pupil] })}
          />
        </div>

        <BodyMapField
          form={reference.form}
          marks={form.marks}
          onChange={(marks) => update({ marks })}
          error={errors.bodyMap}
        />
        {session?.school.bodyMapPhotos === true && form.marks.length > 0 && (
          // Photos go through the document vault, which files them against a saved
          // incident: the control is on the incident's page (BodyMapPhoto.tsx).
          <p className="hint">
            Your school takes photos of marks: after you add the incident, use “Add a photo of the
            mark” on its page.
          </p>
        )}

        <div className={errors.when ? "form-group form-group--error" : "form-group"}>
          <fieldset className="fieldset" aria-describedby={describe("when", true)}>
            <legend className="fieldset__legend">When it happened</legend>
            <p className="hint" id="when-hint">
              Not when you are writing this. It cannot be in the future.
            </p>
            {errors.when && (
              <p className="error-message" id="when-error">
                <span className="visually-hidden">Error:</span> {errors.when}
              </p>
            )}
            <div className="date-time">
              <div className="form-group">
                <label className="label" htmlFor="occurred-date">
                  Date
                </label>
                <input
                  id="occurred-date"
                  type="date"
                  className={errors.when ? "input input--date input--error" : "input input--date"}
                  max={localDate(new Date())}
                  value={form.date}
                  onChange={(event) => update({ date: event.target.value })}
                />
              </div>
              <div className="form-group">
                <label className="label" htmlFor="occurred-time">
                  Time
                </label>
                <input
                  id="occurred-time"
                  type="time"
                  className={errors.when ? "input input--time input--error" : "input input--time"}
                  value={form.time}
                  onChange={(event) => update({ time: event.target.value })}
                />
              </div>
            </div>
          </fieldset>
        </div>

        <div className="form-group">
          <AlertPicker
            id="alert-staff"
            legend="Alert staff"
            hint="Choose groups or type a name. Some people are alerted to every incident anyway."
            groups={reference.groups}
            groupIds={form.alertGroupIds}
            users={form.alertUsers}
            error={errors.alerts}
            onChange={({ groupIds, users }) =>
              update({
                ...(groupIds ? { alertGroupIds: groupIds } : {}),
                ...(users ? { alertUsers: users } : {}),
              })
            }
          >
            {recipients.length > 0 && (
              <div className="alert-preview">
                <h3>Who will be alerted</h3>
                {automatic.length > 0 && (
                  <ul className="alert-preview__list" aria-label="Alerted automatically">
                    {automatic.map(([rule, names]) => (
                      <li key={rule}>
                        <strong>{names.join(", ")}</strong> will be alerted automatically{" "}
                        <span className="secondary-text">({rule})</span>
                      </li>
                    ))}
                  </ul>
                )}
                {chosen.length > 0 && (
                  <ul className="alert-preview__list" aria-label="Alerted because you chose them">
                    {chosen.map((recipient) => (
                      <li key={recipient.id}>
                        <strong>{recipient.name}</strong>{" "}
                        <span className="secondary-text">({VIA_LABEL[recipient.via]})</span>
                        {!recipient.wouldOtherwiseRead && (
                          <p className="alert-preview__warning">
                            {recipient.name} will be able to read this because you alerted them.
                          </p>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </AlertPicker>
        </div>

        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Agencies involved (optional)</legend>
            <div id="agencies" className="agencies">
              {reference.agencies.map((agency) => (
                <CheckboxRow
                  key={agency.id}
                  id={`agency-${agency.id}`}
                  label={agency.name}
                  checked={form.agencyIds.includes(agency.id)}
                  onChange={() => update({ agencyIds: toggle(form.agencyIds, agency.id) })}
                />
              ))}
            </div>
          </fieldset>
        </div>

        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Status</legend>
            <div className="radio">
              <input
                className="radio__input"
                type="radio"
                id="status-open"
                name="status"
                checked={form.status === "open"}
                onChange={() => update({ status: "open" })}
              />
              <label className="radio__label" htmlFor="status-open">
                Open: something still needs doing
              </label>
            </div>
            <div className="radio">
              <input
                className="radio__input"
                type="radio"
                id="status-closed"
                name="status"
                checked={form.status === "closed"}
                onChange={() => update({ status: "closed" })}
              />
              <label className="radio__label" htmlFor="status-closed">
                Closed: nothing more needs doing
              </label>
            </div>
          </fieldset>
        </div>

        {safeguarding && (
          <div className={errors.toldDsl ? "form-group form-group--error" : "form-group"}>
            <fieldset className="fieldset" aria-describedby={describe("toldDsl", false)}>
              <legend className="fieldset__legend">
                Have you told a DSL in person? (urgent concerns must be told in person at once)
              </legend>
              {errors.toldDsl && (
                <p className="error-message" id="toldDsl-error">
                  <span className="visually-hidden">Error:</span> {errors.toldDsl}
                </p>
              )}
              <div className="radios--inline">
                <div className="radio">
                  <input
                    className="radio__input"
                    type="radio"
                    id="told-dsl-yes"
                    name="told-dsl"
                    checked={form.toldDsl === "yes"}
                    onChange={() => update({ toldDsl: "yes" })}
                  />
                  <label className="radio__label" htmlFor="told-dsl-yes">
                    Yes
                  </label>
                </div>
                <div className="radio">
                  <input
                    className="radio__input"
                    type="radio"
                    id="told-dsl-no"
                    name="told-dsl"
                    checked={form.toldDsl === "no"}
                    onChange={() => update({ toldDsl: "no" })}
                  />
                  <label className="radio__label" htmlFor="told-dsl-no">
                    No
                  </label>
                </div>
              </div>
              {form.toldDsl === "yes" && (
                <div className="told-dsl">
                  <div className="form-group">
                    <label className="label" htmlFor="told-who">
                      Who did you tell?
                    </label>
                    <input
                      id="told-who"
                      className="input input--full"
                      value={form.toldWho}
                      onChange={(event) => update({ toldWho: event.target.value })}
                    />
                  </div>
                  <div className="date-time">
                    <div className="form-group">
                      <label className="label" htmlFor="told-date">
                        Date you told them
                      </label>
                      <input
                        id="told-date"
                        type="date"
                        className="input input--date"
                        value={form.toldDate}
                        onChange={(event) => update({ toldDate: event.target.value })}
                      />
                    </div>
                    <div className="form-group">
                      <label className="label" htmlFor="told-time">
                        Time
                      </label>
                      <input
                        id="told-time"
                        type="time"
                        className="input input--time"
                        value={form.toldTime}
                        onChange={(event) => update({ toldTime: event.target.value })}
                      />
                    </div>
                  </div>
                </div>
              )}
              {form.toldDsl === "no" && (
                <p className="notice">
                  If the child may be at risk, find a DSL and tell them in person now, as well as
                  adding this record.
                </p>
              )}
            </fieldset>
          </div>
        )}

        <div className="add-incident__submit">
          <Button type="submit" className="add-incident__button" aria-disabled={submitting}>
            Add incident
          </Button>
          <output className="add-incident__saved">
            {saveFailed
              ? "The draft could not be saved just now. Keep this page open."
              : savedAt
                ? `Draft saved at ${formatTime(new Date(savedAt))}`
                : ""}
          </output>
        </div>
      </form>
    </div>
  );
}

/** The API's field for an input id, to find its error. */
function fieldFor(id: string): Field {
  return (Object.entries(FIELD_IDS).find(([, value]) => value === id)?.[0] ?? id) as Field;
}

function CheckboxRow({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: () => void;
}) {
  return (
    <div className="checkbox checkbox--small">
      <input
        id={id}
        type="checkbox"
        className="checkbox__input"
        checked={checked}
        onChange={onChange}
      />
      <label className="checkbox__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}
