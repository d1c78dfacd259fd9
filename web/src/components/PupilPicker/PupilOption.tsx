import type { PupilSummary } from "../../api/incidents";
import { formatDate } from "../../lib/dates";

/** "12 March 2018" from "2018-03-12" (no time zone shift). */
export function formatBirthDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number);
  if (!year || !month || !day) return value;
  return formatDate(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** A pupil as the picker shows them: enough to choose the right child, nothing more. */
export function PupilOption({ pupil }: { pupil: PupilSummary }) {
  return (
    <>
      <span className="avatar" aria-hidden="true">
        {pupil.initials}
      </span>
      <span className="pupil-option__text">
        <strong>{pupil.name}</strong>
        <span className="secondary-text">
          {[pupil.year, pupil.class].filter(Boolean).join(", ")}
          {pupil.year || pupil.class ? ". " : ""}Born {formatBirthDate(pupil.dateOfBirth)}
        </span>
      </span>
    </>
  );
}
