// After an import: the pupils missing from the file were only proposed as leavers. The
// administrator or the DSL team confirms them here, on a date, after a confirmation step.
// Nothing is deleted: they leave the picker for new incidents and their records stay.
import { type FormEvent, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { type ImportResult, peopleApi } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDay } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate } from "../../lib/localDateTime";

export function MarkLeavers({ leavers }: { leavers: ImportResult["leavers"] }) {
  const [confirming, setConfirming] = useState(false);
  const [leftOn, setLeftOn] = useState(localDate(new Date()));
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const count = leavers.length;
  const pupils = count === 1 ? "pupil" : "pupils";

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!leftOn) return setError("Enter the date they left.");
    setBusy(true);
    try {
      const { marked } = await peopleApi.markLeft(
        leavers.map((l) => l.pupilId),
        leftOn,
      );
      setError("");
      setConfirming(false);
      setDone(
        `${marked} ${marked === 1 ? "pupil is" : "pupils are"} marked as left on ${formatDay(leftOn)}. Their records stay.`,
      );
    } catch (caught) {
      if (isHandledByApp(caught)) return;
      setError(
        caught instanceof ApiError && caught.status < 500
          ? (caught.problem.errors?.[0]?.message ?? caught.problem.detail ?? caught.problem.title)
          : GENERAL_MESSAGES.unreachable,
      );
    } finally {
      setBusy(false);
    }
  }

  if (done) return <output className="notice notice--success">{done}</output>;
  return (
    <section aria-labelledby="leavers-heading">
      <h2 id="leavers-heading">Pupils not in the file</h2>
      <p>
        {count} {pupils} on roll {count === 1 ? "was" : "were"} not in the file. If they have left
        the school, mark them as left: they will no longer be offered for new incidents, and their
        records stay for those entitled to read them.
      </p>
      <ul>
        {leavers.map((l) => (
          <li key={l.pupilId}>
            {l.name}
            {l.className ? ` (${l.className})` : ""}
          </li>
        ))}
      </ul>
      {!confirming ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Mark these {count} {pupils} as left
        </Button>
      ) : (
        <form noValidate onSubmit={onSubmit} className="reading-width">
          <TextInput
            id="leavers-left-on"
            label="Date they left"
            hint={`All ${count} ${pupils} above get this date. Nothing is deleted, and a mistake can be undone on the pupil's page.`}
            type="date"
            width="short"
            value={leftOn}
            error={error || undefined}
            onChange={(event) => setLeftOn(event.target.value)}
          />
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Yes, mark {count} {pupils} as left
            </Button>
            <Button variant="link" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
