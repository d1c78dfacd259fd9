// The DSL team's control over who may read one action after it was recorded: restrict it
// to the DSL team (the reporter is then not told the outcome, seed 001) or open it again.
// Each change needs a reason and is listed here; the server keeps every one.
import { type FormEvent, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { type ActionDetail, incidentsApi } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";

export function ActionAudience({
  action,
  onSaved,
}: {
  action: ActionDetail;
  onSaved: (message: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const restrict = !action.restricted;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError("Say why you are changing who may read it");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await incidentsApi.restrictAction(action.id, { restricted: restrict, reason: reason.trim() });
      onSaved(
        restrict
          ? "Only the DSL team can read this action now."
          : "Everyone who may read the incident can read this action again.",
      );
    } catch (failure) {
      if (isHandledByApp(failure)) return;
      setError(
        failure instanceof ApiError && failure.status < 500
          ? (failure.problem.errors?.[0]?.message ??
              failure.problem.detail ??
              failure.problem.title)
          : GENERAL_MESSAGES.unreachable,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="action-audience-heading">
      <h2 id="action-audience-heading">Who may read this action</h2>
      <p>
        {action.restricted
          ? "Only the DSL team (and anyone alerted to it, and who recorded it)."
          : "Everyone who may read the incident, and anyone alerted to it."}
      </p>
      {action.restrictionChanges.length > 0 && (
        <ul className="plain-list">
          {action.restrictionChanges.map((change) => (
            <li key={`${change.at}-${change.by.id}`} className="secondary-text">
              {change.restricted ? "Restricted to the DSL team" : "Opened again"} by{" "}
              {change.by.name}, {formatDateTime(change.at)}. Why: {change.reason}
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={submit}>
        <TextInput
          id="action-audience-reason"
          label={
            restrict
              ? "Why restrict it to the DSL team?"
              : "Why open it to those who may read the incident?"
          }
          value={reason}
          error={error}
          onChange={(event) => setReason(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          {restrict ? "Restrict to the DSL team" : "Open it again"}
        </Button>
      </form>
    </section>
  );
}
