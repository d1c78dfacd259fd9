// One checkbox after the GOV.UK pattern: a large box (a 44 px target) with its label beside
// it, an optional hint under the label, and the error message above, all tied to the input.
import type { InputHTMLAttributes } from "react";
import "./Checkbox.css";

interface CheckboxProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    "id" | "type" | "aria-describedby" | "aria-invalid"
  > {
  id: string;
  label: string;
  /** Said under the label and read out with it (what ticking it will do). */
  hint?: string;
  error?: string;
}

export function Checkbox({ id, label, hint, error, className, ...inputProps }: CheckboxProps) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "form-group form-group--error" : "form-group"}>
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className={className ? `checkbox ${className}` : "checkbox"}>
        <input
          id={id}
          type="checkbox"
          className="checkbox__input"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...inputProps}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
        {hint && (
          <p className="hint checkbox__hint" id={hintId}>
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
