// Change your password. While the new one is typed, advice from the server (how easy it
// is to guess, and why) appears under it in a polite live region: advice only, it never
// stops anyone submitting. The server's reasons for refusing a password show beside the
// field. Paste and password managers work.
import { type FormEvent, useEffect, useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { isHandledByApp } from "../../api/client";
import { type PasswordAdvice, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { PasswordInput } from "../../components/PasswordInput/PasswordInput";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession } from "../../session/SessionContext";
import { ACCOUNT_PATHS, type AccountFlash } from "./AccountPage";
import "./account.css";

type Field = "currentPassword" | "newPassword";
const IDS: Record<Field, string> = {
  currentPassword: "current-password",
  newPassword: "new-password",
};
const TITLE = "Change your password";

/** How long typing must pause before the advice is asked for. */
export const ADVICE_DELAY_MS = 300;

export const PASSWORD_MESSAGES = {
  currentMissing: "Enter your current password",
  newMissing: "Enter a new password",
  changed: "Your password has been changed. You have been signed out on your other devices.",
} as const;

const STRENGTH = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;

export function strengthLabel(score: number): string {
  return STRENGTH[Math.max(0, Math.min(STRENGTH.length - 1, Math.round(score)))] ?? "Unknown";
}

function check(current: string, next: string): FormErrors<Field> {
  return fieldErrors(
    {
      currentPassword: current ? "" : PASSWORD_MESSAGES.currentMissing,
      newPassword: next ? "" : PASSWORD_MESSAGES.newMissing,
    },
    IDS,
  );
}

/** Advice for what is typed, asked for once typing pauses; undefined while there is none. */
function usePasswordAdvice(password: string, email: string | undefined) {
  const [advice, setAdvice] = useState<PasswordAdvice>();
  useEffect(() => {
    if (!password) {
      setAdvice(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      sessionApi
        .checkPassword(password, email, controller.signal)
        .then(setAdvice)
        // No advice is no loss: the server checks again when the form is sent.
        .catch(() => undefined);
    }, ADVICE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [password, email]);
  return password ? advice : undefined;
}

export function ChangePasswordPage() {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const adviceId = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState(noErrors<Field>());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const email = session?.user.email;
  const advice = usePasswordAdvice(next, email);
  usePageTitle(hasErrors(errors) ? `Error: ${TITLE}` : TITLE);

  function fail(problems: FormErrors<Field>) {
    setErrors(problems);
    setFailedSubmits((count) => count + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = check(current, next);
    if (hasErrors(problems)) {
      fail(problems);
      return;
    }
    setSubmitting(true);
    try {
      await sessionApi.changePassword(current, next);
      const state: AccountFlash = { flash: PASSWORD_MESSAGES.changed };
      navigate(ACCOUNT_PATHS.account, { state });
    } catch (error) {
      setSubmitting(false);
      if (isHandledByApp(error)) return;
      fail(errorsFromFailure(error, IDS));
    }
  }

  return (
    <div className="change-password">
      <Link to={ACCOUNT_PATHS.account} className="back-link">
        Back to your account
      </Link>
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>{TITLE}</PageHeading>
      <form noValidate onSubmit={submit}>
        {/* For password managers: which account this password belongs to. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={email ?? ""}
          readOnly
          hidden
        />
        <PasswordInput
          id={IDS.currentPassword}
          name="current-password"
          label="Current password"
          autoComplete="current-password"
          showToggle={false}
          value={current}
          error={errors.fields.currentPassword}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <PasswordInput
          id={IDS.newPassword}
          name="new-password"
          label="New password"
          hint="Use at least 12 characters. Three or four random words together are easy to remember and hard to guess. You can paste a password from a password manager."
          autoComplete="new-password"
          describedBy={adviceId}
          value={next}
          error={errors.fields.newPassword}
          onChange={(event) => setNext(event.target.value)}
        >
          <div className="password-advice" id={adviceId} aria-live="polite">
            {advice && (
              <>
                <p className="password-advice__strength">
                  <span
                    className={`strength-meter strength-meter--${advice.score}`}
                    aria-hidden="true"
                  >
                    <span className="strength-meter__bar" />
                    <span className="strength-meter__bar" />
                    <span className="strength-meter__bar" />
                    <span className="strength-meter__bar" />
                  </span>
                  Password strength: <strong>{strengthLabel(advice.score)}</strong>
                </p>
                {advice.problems.length + advice.advice.length > 0 && (
                  <ul className="password-advice__list">
                    {[...advice.problems, ...advice.advice].map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        </PasswordInput>
        <Button type="submit">Change password</Button>
      </form>
    </div>
  );
}
