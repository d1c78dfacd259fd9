// GOV.UK-style error summary: at the top of the form, each problem links to its field.
// It takes focus when it appears and each time the form is submitted with problems, so
// screen readers announce it and keyboard users start from it.
import { type MouseEvent, useEffect, useRef } from "react";
import "./ErrorSummary.css";

export interface SummaryError {
  /** What to do, e.g. "Enter your email address". */
  message: string;
  /** The id of the field to go to, when the problem belongs to one field. */
  fieldId?: string;
}

interface ErrorSummaryProps {
  errors: SummaryError[];
  /** Change this (for example, count failed submits) to move focus back to the summary. */
  focusKey: number;
  title?: string;
}

function goToField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  // Bring the label into view too, then put the cursor in the field.
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
}

export function ErrorSummary({
  errors,
  focusKey,
  title = "There is a problem",
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey is the trigger on purpose.
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);

  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="error-summary__title">{title}</h2>
        <ul className="error-summary__list">
          {errors.map((error) => (
            <li key={`${error.fieldId ?? ""}:${error.message}`}>
              {error.fieldId ? (
                <a
                  href={`#${error.fieldId}`}
                  onClick={(event) => goToField(event, error.fieldId ?? "")}
                >
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
