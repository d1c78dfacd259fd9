// The school's settings (issue 9), for the administrator and the DSL team: the idle lock,
// who must use a second factor, body-map photos, how long records are kept, how the
// school's emails are signed, and the acceptable-use text. The review deadline keeps its
// own page. Saving needs a second factor; the server says so if it is missing.
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type SchoolSettings, settingsApi } from "../../api/settings";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { roleLabel } from "../../lib/roles";
import { useSession } from "../../session/SessionContext";
import "./settings.css";

const TITLE = "School settings";

// The school roles, in the order people think of them.
const ROLES = [
  "dsl",
  "deputy_dsl",
  "head",
  "slt",
  "sendco",
  "pastoral",
  "attendance",
  "class_teacher",
  "staff",
  "administrator",
];

type Form = {
  idleLockMinutes: string;
  secondFactorRoles: string[];
  bodyMapPhotos: boolean;
  retentionYears: string;
  senderName: string;
  replyTo: string;
  agreementText: string;
};

const toForm = (s: SchoolSettings): Form => ({
  idleLockMinutes: String(s.idleLockMinutes),
  secondFactorRoles: s.secondFactorRoles,
  bodyMapPhotos: s.bodyMapPhotos,
  retentionYears: String(s.retentionYears),
  senderName: s.emailSender.displayName ?? "",
  replyTo: s.emailSender.replyTo ?? "",
  agreementText: s.agreement.text,
});

const FIELD_IDS: Record<string, string> = {
  idleLockMinutes: "idle-minutes",
  secondFactorRoles: "second-factor-roles",
  bodyMapPhotos: "body-map-photos",
  retentionYears: "retention-years",
  "emailSender.displayName": "sender-name",
  "emailSender.replyTo": "reply-to",
  agreementText: "agreement-text",
};

/** "secondFactorRoles.2" → the field on this page it belongs to. */
const fieldIdFor = (path: string) =>
  FIELD_IDS[path] ??
  FIELD_IDS[path.split(".").slice(0, 2).join(".")] ??
  FIELD_IDS[path.split(".")[0] ?? ""];

const wholeNumber = (value: string) => (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN);

export function SchoolSettingsPage() {
  usePageTitle(TITLE);
  const { reload } = useSession();
  const [saved, setSaved] = useState<SchoolSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [failed, setFailed] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    settingsApi
      .school(controller.signal)
      .then((s) => {
        setSaved(s);
        setForm(toForm(s));
      })
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
        <PageHeading>{TITLE}</PageHeading>
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      </div>
    );
  }
  if (!form || !saved) return <Loading />;

  const always = saved.alwaysSecondFactorRoles;
  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const message = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;
  const toggleRole = (role: string, on: boolean) =>
    update({
      secondFactorRoles: on
        ? [...form.secondFactorRoles, role]
        : form.secondFactorRoles.filter((r) => r !== role),
    });

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form || !saved) return;
    setNotice("");
    const list: SummaryError[] = [];
    const minutes = wholeNumber(form.idleLockMinutes);
    const years = wholeNumber(form.retentionYears);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
      list.push({
        message: "Enter a whole number of minutes from 1 to 60.",
        fieldId: "idle-minutes",
      });
    if (!Number.isInteger(years) || years < 18 || years > 100)
      list.push({
        message: "Enter a whole number of years from 18 to 100.",
        fieldId: "retention-years",
      });
    if (form.replyTo.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.replyTo.trim()))
      list.push({
        message: "Enter an email address like office@school.example.org, or leave it empty.",
        fieldId: "reply-to",
      });
    if (!form.agreementText.trim())
      list.push({ message: "Enter the text everyone accepts.", fieldId: "agreement-text" });
    if (list.length > 0) return fail(list);

    const agreementChanged = form.agreementText.trim() !== saved.agreement.text;
    setBusy(true);
    try {
      const next = await settingsApi.saveSchool({
        idleLockMinutes: minutes,
        secondFactorRoles: [...new Set([...always, ...form.secondFactorRoles])],
        bodyMapPhotos: form.bodyMapPhotos,
        retentionYears: years,
        emailSender: { displayName: form.senderName.trim(), replyTo: form.replyTo.trim() },
        ...(agreementChanged ? { agreementText: form.agreementText } : {}),
      });
      setSaved(next);
      setForm(toForm(next));
      setErrors([]);
      if (agreementChanged) {
        // Everyone accepts the new text, the person who wrote it too: the app asks now.
        await reload();
        return;
      }
      setNotice(
        "Saved. Everyone gets the new idle time and second-factor rule the next time a page loads.",
      );
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

  const rolesError = message("second-factor-roles");
  const agreementError = message("agreement-text");

  return (
    <div className="reading-width">
      <PageHeading>{TITLE}</PageHeading>
      <p>
        These settings apply to everyone in the school. The review deadline and the school's
        holidays are on their own page:{" "}
        <Link to="/settings/review">review deadline and school holidays</Link>.
      </p>
      {notice && <output className="notice notice--success">{notice}</output>}
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form noValidate onSubmit={onSubmit}>
        <h2>Locking and signing in</h2>
        <TextInput
          id="idle-minutes"
          label="Lock the page after this many minutes without use"
          hint="From 1 to 60. Tessera hides the page and asks for the password again. A page opened after this long without use starts locked."
          inputMode="numeric"
          width="short"
          value={form.idleLockMinutes}
          error={message("idle-minutes")}
          onChange={(event) => update({ idleLockMinutes: event.target.value })}
        />
        <div className={rolesError ? "form-group form-group--error" : "form-group"}>
          <fieldset className="fieldset" aria-describedby="roles-hint">
            <legend className="fieldset__legend">Who must use a second factor</legend>
            <p className="hint" id="roles-hint">
              People in these roles set up an authenticator app or security key the first time they
              sign in. The DSL team always needs one: their access to records depends on it.
            </p>
            {rolesError && (
              <p className="error-message" id="second-factor-roles-error">
                <span className="visually-hidden">Error:</span> {rolesError}
              </p>
            )}
            {ROLES.map((role, index) => (
              <Checkbox
                key={role}
                // The first box carries the group's id, so the error summary can reach it.
                id={index === 0 ? "second-factor-roles" : `second-factor-${role}`}
                label={always.includes(role) ? `${roleLabel(role)} (always)` : roleLabel(role)}
                checked={always.includes(role) || form.secondFactorRoles.includes(role)}
                disabled={always.includes(role)}
                onChange={(event) => toggleRole(role, event.target.checked)}
              />
            ))}
          </fieldset>
        </div>

        <h2>Records</h2>
        <Checkbox
          id="body-map-photos"
          label="Allow photos of marks on the body map"
          checked={form.bodyMapPhotos}
          onChange={(event) => update({ bodyMapPhotos: event.target.checked })}
        />
        <p className="hint settings__after-checkbox">
          Off unless the school decides otherwise. When on, an incident with a body map offers "Add
          a photo of the mark" on the incident's page; the photo is kept in the document vault with
          its location removed.
        </p>
        <TextInput
          id="retention-years"
          label="Keep records until the pupil is this many years old"
          hint="From 18 to 100; the usual guidance is 25. Tessera records the school's choice now; deleting records when they reach this age comes in a later version, so nothing is deleted yet."
          inputMode="numeric"
          width="short"
          value={form.retentionYears}
          error={message("retention-years")}
          onChange={(event) => update({ retentionYears: event.target.value })}
        />

        <h2>Emails</h2>
        <TextInput
          id="sender-name"
          label="Sender name on the school's emails (optional)"
          hint="For example, the school's name. Emails still come from Tessera's own address, so that they are not marked as spam; leave empty for “Tessera”."
          value={form.senderName}
          maxLength={80}
          error={message("sender-name")}
          onChange={(event) => update({ senderName: event.target.value })}
        />
        <TextInput
          id="reply-to"
          label="Replies go to (optional)"
          hint="An email address at the school, such as the office's. Leave empty if replies should not be sent."
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={form.replyTo}
          error={message("reply-to")}
          onChange={(event) => update({ replyTo: event.target.value })}
        />

        <h2>Acceptable-use agreement</h2>
        <p id="agreement-version">
          {saved.agreement.changedAt
            ? `Version ${saved.agreement.version}, changed ${formatDateTime(saved.agreement.changedAt)}.`
            : "Tessera's standard text, not changed by the school."}
        </p>
        <div className={agreementError ? "form-group form-group--error" : "form-group"}>
          <label className="label" htmlFor="agreement-text">
            The text everyone accepts
          </label>
          <p className="hint" id="agreement-text-hint">
            Leave a blank line between paragraphs. Saving a changed text asks everyone, you
            included, to read and accept it again the next time a page loads.
          </p>
          {agreementError && (
            <p className="error-message" id="agreement-text-error">
              <span className="visually-hidden">Error:</span> {agreementError}
            </p>
          )}
          <textarea
            id="agreement-text"
            className={agreementError ? "textarea textarea--error" : "textarea"}
            rows={12}
            aria-describedby={
              agreementError ? "agreement-text-hint agreement-text-error" : "agreement-text-hint"
            }
            aria-invalid={agreementError ? true : undefined}
            value={form.agreementText}
            onChange={(event) => update({ agreementText: event.target.value })}
          />
        </div>

        <div className="button-group">
          <Button type="submit" disabled={busy}>
            Save settings
          </Button>
        </div>
      </form>
    </div>
  );
}
