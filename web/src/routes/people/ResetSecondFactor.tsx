// Administrator-assisted recovery, on the staff page: someone lost their phone and keys.
// Resetting removes their authenticator app and keys and signs them out everywhere; they
// set a second factor up again at their next sign-in. The DSL team is emailed about every
// reset, and only the DSL team may reset a DSL's.
import { type FormEvent, useState } from "react";
import { isHandledByApp } from "../../api/client";
import { peopleApi, type StaffMember } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { errorsFromFailure } from "../../lib/formErrors";

export function ResetSecondFactor({
  member,
  onCancel,
  onDone,
}: {
  member: StaffMember;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const id = `reset-reason-${member.accountId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (!reason.trim()) {
      setError("Say why, such as “lost phone, identity checked in person”");
      return;
    }
    setSending(true);
    try {
      await peopleApi.resetSecondFactor(member.accountId, reason.trim());
      await onDone(
        `${member.name}’s second factor was reset and they were signed out. They will set one up again when they next sign in. The safeguarding team has been emailed.`,
      );
    } catch (problem) {
      if (isHandledByApp(problem)) return;
      const found = errorsFromFailure(problem, { reason: id });
      setError(found.fields.reason ?? found.summary[0]?.message ?? "That did not work.");
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label={`Reset ${member.name}’s second factor`}
    >
      <p>
        Reset {member.name}’s second factor? Their authenticator app, security keys and passkeys
        stop working and they are signed out everywhere. Check it is really them first (in person,
        or by phoning them). The safeguarding team is told by email.
      </p>
      <TextInput
        id={id}
        label="Why"
        hint="Kept in the audit log. Do not name pupils."
        value={reason}
        error={error}
        autoComplete="off"
        onChange={(event) => setReason(event.target.value)}
      />
      <Button type="submit" variant="warning" aria-disabled={sending || undefined}>
        Reset {member.name}’s second factor
      </Button>{" "}
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
