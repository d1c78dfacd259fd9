// Seed 004 §9: the DSL team reviews each child's chronology and records the date, so a
// child whose story has not been looked at as a whole for a long time stands out.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { type ChronologyReview, deskApi } from "../../api/desk";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDay } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate } from "../../lib/localDateTime";

const today = () => localDate(new Date());

export function ChronologyReviewMark({ pupilId }: { pupilId: string }) {
  const [reviews, setReviews] = useState<ChronologyReview[] | null>(null);
  const [open, setOpen] = useState(false);
  const [reviewedOn, setReviewedOn] = useState(today());
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) =>
      deskApi
        .chronologyReviews(pupilId, signal)
        .then((r) => setReviews(r.items))
        .catch(() => {}),
    [pupilId],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!reviewedOn) return setError("Enter the date you reviewed it.");
    setBusy(true);
    try {
      await deskApi.markChronologyReviewed(pupilId, { reviewedOn, note: note.trim() });
      setError("");
      setOpen(false);
      setNote("");
      setNotice("The review is recorded.");
      void load();
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

  const last = reviews?.[0];
  return (
    <div className="pupil__chronology-review">
      {notice && <output className="notice notice--success">{notice}</output>}
      <p>
        {reviews === null
          ? "Loading when the chronology was last reviewed…"
          : last
            ? `Chronology last reviewed on ${formatDay(last.reviewedOn)} by ${last.by.name}.`
            : "This chronology has not been marked as reviewed."}
      </p>
      {!open ? (
        <Button
          variant="secondary"
          onClick={() => {
            setNotice("");
            setOpen(true);
          }}
        >
          Mark the chronology reviewed
        </Button>
      ) : (
        <form noValidate onSubmit={onSubmit} className="reading-width">
          <TextInput
            id="chronology-reviewed-on"
            label="Reviewed on"
            type="date"
            width="short"
            value={reviewedOn}
            error={error || undefined}
            onChange={(event) => setReviewedOn(event.target.value)}
          />
          <TextInput
            id="chronology-review-note"
            label="Note (optional)"
            hint="For example, what the review found or decided."
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="button-group">
            <Button type="submit" disabled={busy}>
              Record the review
            </Button>
            <Button variant="link" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
