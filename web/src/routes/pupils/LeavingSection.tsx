// Marking a pupil as left (or back on roll, to undo a mistake), for the DSL team and the
// administrator. Nothing is deleted: a left pupil is only out of the picker for new
// incidents; their records stay for those entitled to read them.
import { type FormEvent, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { peopleApi } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDay } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate } from "../../lib/localDateTime";

function messageOf(caught: unknown): string {
  return caught instanceof ApiError && caught.status < 500
    ? (caught.problem.errors?.[0]?.message ?? caught.problem.detail ?? caught.problem.title)
    : GENERAL_MESSAGES.unreachable;
}

export function LeavingSection({
  pupilId,
  name,
  leftOn,
  onChange,
}: {
  pupilId: string;
  name: string;
  leftOn: string | null;
  onChange: (leftOn: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(localDate(new Date()));
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  async function attempt(action: () => Promise<unknown>, next: string | null, done: string) {
    setBusy(true);
    try {
      await action();
      setError("");
      setOpen(false);
      setNotice(done);
      onChange(next);
    } catch (caught) {
      if (!isHandledByApp(caught)) setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!date) return setError("Enter the date they left.");
    void attempt(
      () => peopleApi.markOneLeft(pupilId, date),
      date,
      `${name} is marked as left on ${formatDay(date)}. Their records stay.`,
    );
  }

  return (
    <section aria-labelledby="leaving-heading" className="reading-width">
      <h2 id="leaving-heading">Leaving</h2>
      {notice && <output className="notice notice--success">{notice}</output>}
      {leftOn ? (
        <>
          <p>
            Left on {formatDay(leftOn)}. {name} is not offered for new incidents; their records
            stay.
          </p>
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              attempt(() => peopleApi.rejoin(pupilId), null, `${name} is back on roll.`)
            }
          >
            Undo: {name} is still on roll
          </Button>
        </>
      ) : !open ? (
        <Button
          variant="secondary"
          onClick={() => {
            setNotice("");
            setOpen(true);
          }}
        >
          Mark as left
        </Button>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          <TextInput
            id="left-on"
            label="Date they left"
            hint="They will no longer be offered for new incidents. Nothing is deleted."
            type="date"
            width="short"
            value={date}
            error={error || undefined}
            onChange={(event) => setDate(event.target.value)}
          />
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Mark {name} as left
            </Button>
            <Button variant="link" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
