// One checkbox after the GOV.UK pattern: a large box (a 44 px target) with its label beside
// it, and the error message above, tied to the input.
import type { InputHTMLAttributes } from "react";
import "./Checkbox.css";

interface CheckboxProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    "id" | "type" | "aria-describedby" | "aria-invalid"
  > {
  id: string;
  label: string;
  error?: string;
}

export function Checkbox({ id, label, error, className, ...inputProps }: CheckboxProps) {
  const errorId = error ? `${id}-error` : undefined;
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
          aria-describedby={errorId}
          aria-invalid={error ? true : undefined}
          {...inputProps}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
