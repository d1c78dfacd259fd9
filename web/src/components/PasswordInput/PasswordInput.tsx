// A password field after the GOV.UK pattern: label, hint, error beside it, and a "Show"
// button so people can check what they typed instead of typing it twice. Paste and
// password managers work (the autocomplete value says which password it is).
import { type InputHTMLAttributes, type ReactNode, useState } from "react";
import "../TextInput/TextInput.css";
import "./PasswordInput.css";

interface PasswordInputProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    "id" | "type" | "aria-describedby" | "aria-invalid" | "autoComplete"
  > {
  id: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  hint?: string;
  error?: string;
  /** More text that describes the field (an advice region's id). */
  describedBy?: string;
  /** Offer the Show button (default: yes). */
  showToggle?: boolean;
  /** Shown under the input, such as live advice. */
  children?: ReactNode;
}

export function PasswordInput({
  id,
  label,
  hint,
  error,
  describedBy,
  showToggle = true,
  children,
  className,
  ...inputProps
}: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, errorId, describedBy].filter(Boolean).join(" ") || undefined;
  const inputClass = ["input", "input--full", error ? "input--error" : "", className ?? ""]
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
      <div className="password-input">
        <input
          id={id}
          type={visible ? "text" : "password"}
          className={inputClass}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          spellCheck={false}
          autoCapitalize="none"
          {...inputProps}
        />
        {showToggle && (
          <button
            type="button"
            className="button button--secondary password-input__toggle"
            aria-controls={id}
            aria-label={visible ? "Hide password" : "Show password"}
            onClick={() => setVisible((value) => !value)}
          >
            {visible ? "Hide" : "Show"}
          </button>
        )}
      </div>
      {showToggle && (
        <span className="visually-hidden" aria-live="polite">
          {visible ? "Your password is visible" : ""}
        </span>
      )}
      {children}
    </div>
  );
}
