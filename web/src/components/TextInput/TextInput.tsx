// A labelled text input after the GOV.UK pattern: label above, optional hint, the error
// message beside the field (repeating the error summary), all tied to the input.
import type { InputHTMLAttributes } from "react";
import "./TextInput.css";

interface TextInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-describedby" | "aria-invalid"> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** "full" fills the form column; "short" suits codes and numbers. */
  width?: "full" | "short";
}

export function TextInput({
  id,
  label,
  hint,
  error,
  width = "full",
  className,
  type = "text",
  ...inputProps
}: TextInputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const inputClass = ["input", `input--${width}`, error ? "input--error" : "", className ?? ""]
    .filter(Boolean)
    .join(" ");

  return (
    <div className={error ? "form-group form-group--error" : "form-group"}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        id={id}
        type={type}
        className={inputClass}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
    </div>
  );
}
