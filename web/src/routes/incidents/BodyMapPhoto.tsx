// "Add a photo of the mark" (issue 9: body-map photos, off unless the school turns them on).
// It sits on the incident's page, after the incident is recorded, not in the form that
// records it: the photo goes through the document vault, which files it against a saved
// incident, and the form's own steps stay as they are. The server refuses the photo when
// the school has photos off, whatever the page shows.
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { documentsApi } from "../../api/documents";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { TextInput } from "../../components/TextInput/TextInput";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate } from "../../lib/localDateTime";

const FILE = "body-map-photo-file";
const DESCRIPTION = "body-map-photo-description";

export function BodyMapPhoto({ incidentId, pupilId }: { incidentId: string; pupilId: string }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [added, setAdded] = useState(0);
  const [sending, setSending] = useState(false);
  const message = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const list: SummaryError[] = [];
    if (!description.trim())
      list.push({ message: "Say what the photo shows.", fieldId: DESCRIPTION });
    if (!file) list.push({ message: "Choose a photo of the mark.", fieldId: FILE });
    if (list.length > 0 || !file) return fail(list);
    const form = new FormData();
    form.set("bodyMapPhoto", "true");
    form.set("incidentId", incidentId);
    form.set("documentDate", localDate(new Date()));
    form.set("description", description.trim());
    form.set("file", file);
    setSending(true);
    try {
      await documentsApi.upload(pupilId, form);
      setErrors([]);
      setDescription("");
      if (fileRef.current) fileRef.current.value = "";
      setAdded((n) => n + 1);
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status < 500) {
        const fields = (error.problem.errors ?? []).map((e) =>
          e.path === "file"
            ? { message: e.message, fieldId: FILE }
            : e.path === "description"
              ? { message: e.message, fieldId: DESCRIPTION }
              : { message: e.message },
        );
        fail(fields.length ? fields : [{ message: error.problem.detail ?? error.problem.title }]);
      } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
    } finally {
      setSending(false);
    }
  }

  const fileError = message(FILE);
  return (
    <form className="body-map-photo" noValidate onSubmit={onSubmit}>
      <h3>Add a photo of the mark</h3>
      {added > 0 && (
        <output className="notice notice--success">
          {added === 1 ? "The photo has been added" : `${added} photos have been added`} to the
          pupil's documents, with this incident.{" "}
          <Link to={`/pupils/${pupilId}`}>See the pupil's documents</Link>
        </output>
      )}
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <TextInput
        id={DESCRIPTION}
        label="What the photo shows"
        hint="For example, “Bruise on the left forearm, mark 1”."
        value={description}
        maxLength={2000}
        error={message(DESCRIPTION)}
        onChange={(event) => setDescription(event.target.value)}
      />
      <div className={fileError ? "form-group form-group--error" : "form-group"}>
        <label className="label" htmlFor={FILE}>
          Photo
        </label>
        <p className="hint" id={`${FILE}-hint`}>
          JPEG, PNG or HEIC. Where the photo was taken is removed before it is kept.
        </p>
        {fileError && (
          <p className="error-message" id={`${FILE}-error`}>
            <span className="visually-hidden">Error:</span> {fileError}
          </p>
        )}
        <input
          id={FILE}
          ref={fileRef}
          type="file"
          accept="image/jpeg,image/png,image/heic,image/heif"
          className="body-map-photo__file"
          aria-describedby={fileError ? `${FILE}-hint ${FILE}-error` : `${FILE}-hint`}
          aria-invalid={fileError ? true : undefined}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={sending}>
        {sending ? "Adding the photo…" : "Add the photo"}
      </Button>
    </form>
  );
}
