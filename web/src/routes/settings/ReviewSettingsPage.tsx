// The review deadline (seed 004 §5): how many hours the DSL team has to review a new
// incident, when an unread alert is chased, and whether weekends and the school's
// holidays count. The administrator keeps the holiday dates here.
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { type Holiday, type ReviewSettings, settingsApi } from "../../api/settings";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import "./settings.css";

type Form = {
  reviewWithinHours: string;
  unreadAlertHours: string;
  counting: ReviewSettings["counting"];
  holidays: Holiday[];
};

const toForm = (s: ReviewSettings): Form => ({
  reviewWithinHours: String(s.reviewWithinHours),
  unreadAlertHours: String(s.unreadAlertHours),
  counting: s.counting,
  holidays: s.holidays,
});

/** "holidays.2.to" → the id of that field on this page. */
const fieldIdFor = (path: string) => {
  const [first, index, field] = path.split(".");
  if (first === "holidays" && index !== undefined) return `holiday-${index}-${field ?? "from"}`;
  return first === "reviewWithinHours"
    ? "review-hours"
    : first === "unreadAlertHours"
      ? "unread-hours"
      : undefined;
};

export function ReviewSettingsPage() {
  usePageTitle("Review deadline and school holidays");
  const [form, setForm] = useState<Form | null>(null);
  const [failed, setFailed] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    settingsApi
      .review(controller.signal)
      .then((s) => setForm(toForm(s)))
      .catch((error) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(
          error instanceof ApiError && error.status === 403
            ? "Only the administrator and the DSL team can see these settings."
            : GENERAL_MESSAGES.unreachable,
        );
      });
    return () => controller.abort();
  }, []);

  if (failed) {
    return (
      <div className="reading-width">
        <PageHeading>Review deadline and school holidays</PageHeading>
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      </div>
    );
  }
  if (!form) return <Loading />;

  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const setHoliday = (index: number, patch: Partial<Holiday>) =>
    update({ holidays: form.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const message = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setNotice("");
    const list: SummaryError[] = [];
    const hours = Number(form.reviewWithinHours);
    const unread = Number(form.unreadAlertHours);
    if (!Number.isInteger(hours) || hours < 1 || hours > 168)
      list.push({
        message: "Enter a whole number of hours from 1 to 168.",
        fieldId: "review-hours",
      });
    if (!Number.isInteger(unread) || unread < 1 || unread > 336)
      list.push({
        message: "Enter a whole number of hours from 1 to 336.",
        fieldId: "unread-hours",
      });
    form.holidays.forEach((h, i) => {
      if (!h.from)
        list.push({
          message: `Enter the first day of holiday ${i + 1}.`,
          fieldId: `holiday-${i}-from`,
        });
      if (!h.to)
        list.push({
          message: `Enter the last day of holiday ${i + 1}.`,
          fieldId: `holiday-${i}-to`,
        });
      if (h.from && h.to && h.to < h.from)
        list.push({
          message: `Holiday ${i + 1} must end on or after the day it starts.`,
          fieldId: `holiday-${i}-to`,
        });
    });
    if (list.length > 0) return fail(list);
    setBusy(true);
    try {
      const saved = await settingsApi.saveReview({
        reviewWithinHours: hours,
        unreadAlertHours: unread,
        counting: form.counting,
        holidays: form.holidays.map((h) => ({ ...h, name: h.name.trim() })),
      });
      setForm(toForm(saved));
      setErrors([]);
      setNotice("Saved. The dashboard and the overdue emails use these settings from now on.");
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status < 500) {
        const fromServer = (error.problem.errors ?? []).map((e) => {
          const fieldId = fieldIdFor(e.path);
          return fieldId ? { message: e.message, fieldId } : { message: e.message };
        });
        fail(
          fromServer.length
            ? fromServer
            : [{ message: error.problem.detail ?? error.problem.title }],
        );
      } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="reading-width">
      <PageHeading>Review deadline and school holidays</PageHeading>
      <p>
        The DSL team reviews every new incident within this time. Incidents waiting longer show as
        overdue on the DSL dashboard, and the DSL team gets one email a day saying how many.
      </p>
      {notice && <output className="notice notice--success">{notice}</output>}
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          id="review-hours"
          label="Review every new incident within (hours)"
          inputMode="numeric"
          width="short"
          value={form.reviewWithinHours}
          error={message("review-hours")}
          onChange={(event) => update({ reviewWithinHours: event.target.value })}
        />
        <TextInput
          id="unread-hours"
          label="Chase an alert still unread after (hours)"
          inputMode="numeric"
          width="short"
          value={form.unreadAlertHours}
          error={message("unread-hours")}
          onChange={(event) => update({ unreadAlertHours: event.target.value })}
        />
        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Which hours count</legend>
            <div className="radio">
              <input
                className="radio__input"
                type="radio"
                id="counting-clock"
                name="counting"
                checked={form.counting === "clock"}
                onChange={() => update({ counting: "clock" })}
              />
              <label className="radio__label" htmlFor="counting-clock">
                Every hour, including weekends and holidays
              </label>
            </div>
            <div className="radio">
              <input
                className="radio__input"
                type="radio"
                id="counting-school-days"
                name="counting"
                checked={form.counting === "school-days"}
                onChange={() => update({ counting: "school-days" })}
              />
              <label className="radio__label" htmlFor="counting-school-days">
                School days only: leave out weekends and the holidays below
              </label>
            </div>
          </fieldset>
        </div>

        <h2>School holidays</h2>
        {form.holidays.length === 0 && <p className="secondary-text">No holidays added.</p>}
        {form.holidays.map((holiday, index) => (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: holidays are edited in place by position.
            key={index}
            className="fieldset settings__holiday"
          >
            <legend className="fieldset__legend">Holiday {index + 1}</legend>
            <TextInput
              id={`holiday-${index}-name`}
              label="Name (optional)"
              value={holiday.name}
              onChange={(event) => setHoliday(index, { name: event.target.value })}
            />
            <div className="settings__dates">
              <TextInput
                id={`holiday-${index}-from`}
                label="First day"
                type="date"
                width="short"
                value={holiday.from}
                error={message(`holiday-${index}-from`)}
                onChange={(event) => setHoliday(index, { from: event.target.value })}
              />
              <TextInput
                id={`holiday-${index}-to`}
                label="Last day"
                type="date"
                width="short"
                value={holiday.to}
                error={message(`holiday-${index}-to`)}
                onChange={(event) => setHoliday(index, { to: event.target.value })}
              />
            </div>
            <Button
              variant="link"
              onClick={() => update({ holidays: form.holidays.filter((_, i) => i !== index) })}
            >
              Remove holiday {index + 1}
            </Button>
          </fieldset>
        ))}
        <p>
          <Button
            variant="secondary"
            onClick={() => update({ holidays: [...form.holidays, { name: "", from: "", to: "" }] })}
          >
            Add a holiday
          </Button>
        </p>
        <div className="button-group">
          <Button type="submit" disabled={busy}>
            Save settings
          </Button>
        </div>
      </form>
    </div>
  );
}
