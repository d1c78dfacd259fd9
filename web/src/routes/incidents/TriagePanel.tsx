// Triage (seed 004 §§5–6): the DSL reviews the incident, may change its categories (the
// old ones stay in the chronology, with the reason), and records the threshold decision
// with its rationale. Moving it into a restricted area lists who was alerted, so the DSL
// can withdraw an alert someone no longer needs.
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { deskApi, type Threshold, type TriageResult } from "../../api/desk";
import { type Category, type Incident, incidentsApi } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import "./TriagePanel.css";

type FieldErrors = Partial<
  Record<"categoryIds" | "recategoriseReason" | "thresholdId" | "rationale", string>
>;

const FIELD_IDS: Record<keyof FieldErrors, string> = {
  categoryIds: "triage-categories",
  recategoriseReason: "triage-reason",
  thresholdId: "triage-threshold",
  rationale: "triage-rationale",
};

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export function TriagePanel({
  incident,
  onDone,
}: {
  incident: Incident;
  onDone: (message: string) => void;
}) {
  const original = incident.categories.map((c) => c.id);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [thresholds, setThresholds] = useState<Threshold[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [categoryIds, setCategoryIds] = useState<string[]>(original);
  const [reason, setReason] = useState("");
  const [thresholdId, setThresholdId] = useState("");
  const [rationale, setRationale] = useState("");
  const [disagreement, setDisagreement] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TriageResult | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([deskApi.thresholds(controller.signal), incidentsApi.categories(controller.signal)])
      .then(([t, c]) => {
        setThresholds(t.items);
        setCategories(c.items);
      })
      .catch((error) => {
        if (!controller.signal.aborted && !isHandledByApp(error)) setLoadFailed(true);
      });
    return () => controller.abort();
  }, []);

  const changed = !sameSet(categoryIds, original);
  const toggle = (categoryId: string) =>
    setCategoryIds((ids) =>
      ids.includes(categoryId) ? ids.filter((x) => x !== categoryId) : [...ids, categoryId],
    );

  function fail(list: FieldErrors, summary?: string) {
    setFieldErrors(list);
    const entries = Object.entries(list) as [keyof FieldErrors, string][];
    setErrors(
      entries.length > 0
        ? entries.map(([field, message]) => ({ message, fieldId: FIELD_IDS[field] }))
        : [{ message: summary ?? GENERAL_MESSAGES.unreachable }],
    );
    setFocusKey((k) => k + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (categoryIds.length === 0) problems.categoryIds = "Choose at least one category.";
    if (changed && !reason.trim())
      problems.recategoriseReason =
        "Say why the categories are changing: the chronology keeps both.";
    if (!thresholdId) problems.thresholdId = "Choose the threshold this meets.";
    if (!rationale.trim())
      problems.rationale =
        "Give the rationale for this decision, including why when no action is taken.";
    if (Object.keys(problems).length > 0) return fail(problems);
    setBusy(true);
    try {
      const done = await deskApi.triage(incident.id, {
        categoryIds,
        ...(changed ? { recategoriseReason: reason.trim() } : {}),
        thresholdId,
        rationale: rationale.trim(),
        ...(disagreement.trim() ? { disagreement: disagreement.trim() } : {}),
      });
      setErrors([]);
      setFieldErrors({});
      if (done.alertsToReview.some((a) => !a.wouldReadWithoutAlert)) setResult(done);
      else onDone("Triage recorded: the incident is reviewed.");
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status < 500) {
        const list: FieldErrors = {};
        for (const item of error.problem.errors ?? []) {
          const field = item.path as keyof FieldErrors;
          if (field in FIELD_IDS) list[field] = item.message;
        }
        fail(list, error.problem.detail ?? error.problem.title);
      } else fail({});
    } finally {
      setBusy(false);
    }
  }

  if (result) return <AlertsToReview result={result} onDone={onDone} />;
  if (loadFailed) {
    return (
      <p className="notice notice--error" role="alert">
        The categories and thresholds could not be loaded. Check your connection and reload the
        page.
      </p>
    );
  }
  if (!categories || !thresholds) return <Loading label="Loading the triage form" />;

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="reading-width triage"
      aria-labelledby="triage-heading"
    >
      <h3 id="triage-heading">Triage this incident</h3>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <div className={fieldErrors.categoryIds ? "form-group form-group--error" : "form-group"}>
        <fieldset className="fieldset" id={FIELD_IDS.categoryIds} tabIndex={-1}>
          <legend className="fieldset__legend">Categories</legend>
          <p className="hint">
            Change them if the concern belongs elsewhere. DSL-only categories are marked.
          </p>
          {fieldErrors.categoryIds && (
            <p className="error-message">
              <span className="visually-hidden">Error:</span> {fieldErrors.categoryIds}
            </p>
          )}
          <details className="triage__categories" open={changed}>
            <summary>
              {categoryIds.length === 0
                ? "No categories chosen"
                : `Chosen: ${names(categories, categoryIds).join("; ")}`}
            </summary>
            {categories.map((category) => (
              <div key={category.id} className="triage__category">
                <Checkbox
                  id={`triage-cat-${category.id}`}
                  label={`${category.name}${category.dslOnly ? " (DSL only)" : ""}`}
                  checked={categoryIds.includes(category.id)}
                  onChange={() => toggle(category.id)}
                />
                {category.subcategories.map((sub) => (
                  <Checkbox
                    key={sub.id}
                    className="triage__subcategory"
                    id={`triage-cat-${sub.id}`}
                    label={`${sub.name}${sub.dslOnly ? " (DSL only)" : ""}`}
                    checked={categoryIds.includes(sub.id)}
                    onChange={() => toggle(sub.id)}
                  />
                ))}
              </div>
            ))}
          </details>
        </fieldset>
      </div>

      {changed && (
        <TextArea
          id={FIELD_IDS.recategoriseReason}
          label="Why are the categories changing?"
          hint="Everyone who can read this incident sees the old and new categories and your reason."
          value={reason}
          onChange={setReason}
          error={fieldErrors.recategoriseReason}
          rows={3}
        />
      )}

      <div className={fieldErrors.thresholdId ? "form-group form-group--error" : "form-group"}>
        <fieldset className="fieldset" id={FIELD_IDS.thresholdId} tabIndex={-1}>
          <legend className="fieldset__legend">Threshold decision</legend>
          {fieldErrors.thresholdId && (
            <p className="error-message">
              <span className="visually-hidden">Error:</span> {fieldErrors.thresholdId}
            </p>
          )}
          {thresholds.map((t) => (
            <div className="radio" key={t.id}>
              <input
                className="radio__input"
                type="radio"
                id={`threshold-${t.id}`}
                name="threshold"
                checked={thresholdId === t.id}
                onChange={() => setThresholdId(t.id)}
              />
              <label className="radio__label" htmlFor={`threshold-${t.id}`}>
                {t.name}
              </label>
            </div>
          ))}
        </fieldset>
      </div>

      <TextArea
        id={FIELD_IDS.rationale}
        label="Rationale"
        hint="Why this threshold, what happens next — and why, when no action is taken."
        value={rationale}
        onChange={setRationale}
        error={fieldErrors.rationale}
        rows={5}
      />

      <details className="triage__disagreement">
        <summary>Record a professional disagreement</summary>
        <TextArea
          id="triage-disagreement"
          label="Professional disagreement (optional)"
          hint="Factual and respectful: who, what was said, and what you did — for example, escalated under the local procedures."
          value={disagreement}
          onChange={setDisagreement}
          rows={4}
        />
      </details>

      <div className="button-group">
        <Button type="submit" disabled={busy}>
          Record the triage
        </Button>
      </div>
    </form>
  );
}

function names(categories: Category[], ids: string[]): string[] {
  const all = categories.flatMap((c) => [
    { id: c.id, name: c.name },
    ...c.subcategories.map((s) => ({ id: s.id, name: `${c.name} – ${s.name}` })),
  ]);
  return ids.map((id) => all.find((c) => c.id === id)?.name ?? "a category no longer listed");
}

function TextArea({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  rows,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  rows: number;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "form-group form-group--error" : "form-group"}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea
        id={id}
        className={error ? "textarea textarea--error" : "textarea"}
        rows={rows}
        value={value}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** After a move into a restricted area: who reads it only because they were alerted. */
function AlertsToReview({
  result,
  onDone,
}: {
  result: TriageResult;
  onDone: (message: string) => void;
}) {
  const [withdrawn, setWithdrawn] = useState<string[]>([]);
  const [failed, setFailed] = useState("");
  const only = result.alertsToReview.filter((a) => !a.wouldReadWithoutAlert);

  async function withdraw(alertId: string) {
    setFailed("");
    try {
      await deskApi.withdrawAlert(
        alertId,
        "Recategorised at triage into a restricted area; access no longer needed.",
      );
      setWithdrawn((list) => [...list, alertId]);
    } catch (error) {
      if (isHandledByApp(error)) return;
      setFailed("The alert could not be withdrawn. Try again.");
    }
  }

  return (
    <section className="reading-width triage" aria-labelledby="review-alerts-heading">
      <h3 id="review-alerts-heading">Review who was alerted</h3>
      <output className="notice">
        Triage recorded. This incident is now in a restricted area. These people can still read it
        only because they were alerted to it:
      </output>
      {failed && (
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      )}
      <ul className="plain-list triage__alerts">
        {only.map((a) => (
          <li key={a.alertId} className="triage__alert">
            <span>{a.name}</span>
            {withdrawn.includes(a.alertId) ? (
              <span className="tag tag--grey">Alert withdrawn</span>
            ) : (
              <Button variant="secondary" onClick={() => void withdraw(a.alertId)}>
                Withdraw {a.name}’s alert
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="button-group">
        <Button onClick={() => onDone("Triage recorded: the incident is reviewed.")}>Done</Button>
      </div>
    </section>
  );
}
