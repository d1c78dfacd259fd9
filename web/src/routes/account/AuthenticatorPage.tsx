// Set up an authenticator app: start (the server makes a new secret), scan the QR code or
// type the key, confirm with a code from the app, then see the 10 recovery codes — once.
// Replacing an app needs a code from the current one first (the server says 403).
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type AuthenticatorEnrolment, hasAuthenticator, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { destination, type FromState } from "../../lib/destination";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  formError,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { ACCOUNT_PATHS } from "./AccountPage";
import { QrCode } from "./QrCode";
import "./account.css";

const IDS = { code: "code" } as const;

type Step =
  | { name: "start" }
  | { name: "scan"; enrolment: AuthenticatorEnrolment }
  | { name: "done"; recoveryCodes: string[] };

const TITLES = {
  start: "Set up an authenticator app",
  scan: "Set up an authenticator app",
  done: "Your authenticator app is set up",
} as const;

export const AUTHENTICATOR_MESSAGES = {
  codeMissing: "Enter the 6-digit code from your authenticator app",
  codeFormat: "Enter the code using only the 6 numbers your authenticator app shows",
  needCode: "Enter a code from the authenticator app you use now before you set up a new one.",
} as const;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

export function AuthenticatorPage() {
  const { state, update } = useSession();
  const location = useLocation();
  const [step, setStep] = useState<Step>({ name: "start" });
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState(noErrors<"code">());
  const [needsCode, setNeedsCode] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [busy, setBusy] = useState(false);
  const title = TITLES[step.name];
  usePageTitle(hasErrors(errors) ? `Error: ${title}` : title);

  // A new step is like a new page: its heading takes focus (not on first showing).
  const shownStep = useRef(step.name);
  useEffect(() => {
    if (shownStep.current === step.name) return;
    shownStep.current = step.name;
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [step.name]);

  const session = state.status === "signed-in" ? state.session : undefined;
  const hasApp = session ? hasAuthenticator(session) : false;

  function fail(problems: FormErrors<"code">) {
    setErrors(problems);
    setFailedSubmits((count) => count + 1);
  }

  async function start() {
    if (busy) return;
    setBusy(true);
    setNeedsCode(false);
    try {
      const enrolment = await sessionApi.startAuthenticator();
      setErrors(noErrors());
      setCode("");
      setStep({ name: "scan", enrolment });
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 403) {
        setNeedsCode(true);
        fail(formError(AUTHENTICATOR_MESSAGES.needCode));
      } else {
        fail(errorsFromFailure(error, IDS));
      }
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const digits = code.replace(/[\s-]/g, "");
    if (!digits) return fail(fieldErrors({ code: AUTHENTICATOR_MESSAGES.codeMissing }, IDS));
    if (!/^\d{6}$/.test(digits)) {
      return fail(fieldErrors({ code: AUTHENTICATOR_MESSAGES.codeFormat }, IDS));
    }
    setBusy(true);
    try {
      const result = await sessionApi.confirmAuthenticator(digits);
      update(result.session);
      setErrors(noErrors());
      setStep({ name: "done", recoveryCodes: result.recoveryCodes });
    } catch (error) {
      if (isHandledByApp(error)) return;
      fail(errorsFromFailure(error, IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="authenticator">
      {step.name !== "done" && (
        <Link to={ACCOUNT_PATHS.account} className="back-link">
          Back to your account
        </Link>
      )}
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>{title}</PageHeading>

      {step.name === "start" && (
        <>
          <p className="lead">
            An authenticator app on your phone shows a new 6-digit code every 30 seconds. Tessera
            asks for it when you sign in, so your password alone is not enough for someone else to
            get in.
          </p>
          <p>
            You can use Microsoft Authenticator, Google Authenticator or any other authenticator
            app. Install one from your phone’s app store first.
          </p>
          {hasApp && (
            <div className="notice">
              You already have an authenticator app set up. A new one replaces it: codes from the
              old app, and your old recovery codes, will stop working.
            </div>
          )}
          {needsCode && (
            <p>
              <Link to="/sign-in/code" state={{ from: location }}>
                Enter a code from your authenticator app
              </Link>
            </p>
          )}
          <Button onClick={() => void start()} aria-disabled={busy || undefined}>
            Start setting up
          </Button>
        </>
      )}

      {step.name === "scan" && (
        <ol className="steps">
          <li>
            <h2 className="steps__title">Add Tessera to your app</h2>
            <p>Open your authenticator app and choose to add an account. Then scan this QR code.</p>
            <QrCode
              svg={step.enrolment.qrSvg}
              label="QR code for adding Tessera to your authenticator app"
            />
            <p>If you cannot scan it, choose to enter a key instead, and type this key:</p>
            <p className="secret-key">
              <code>{groupSecret(step.enrolment.secret)}</code>
            </p>
          </li>
          <li>
            <h2 className="steps__title">Check it works</h2>
            <form noValidate onSubmit={confirm}>
              <TextInput
                id={IDS.code}
                name="code"
                label="Enter the 6-digit code your app shows for Tessera"
                width="short"
                inputMode="numeric"
                autoComplete="one-time-code"
                spellCheck={false}
                value={code}
                error={errors.fields.code}
                onChange={(event) => setCode(event.target.value)}
              />
              <Button type="submit" aria-disabled={busy || undefined}>
                Confirm
              </Button>
            </form>
          </li>
        </ol>
      )}

      {step.name === "done" && (
        <>
          <p className="lead">
            From now on, Tessera asks for a code from the app when you sign in.
          </p>
          <h2>Your recovery codes</h2>
          <p>
            If you lose your phone, you can sign in with one of these codes instead. Each code works
            once.
          </p>
          <div className="notice">
            Keep them safe, away from your phone: in a password manager, or written down and locked
            away. This is the only time Tessera shows them.
          </div>
          <ol className="recovery-codes">
            {step.recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ol>
          <p>
            {/* Came here while signing in: carry on to where they were going. */}
            {(location.state as FromState | null)?.from ? (
              <Link to={destination(location.state)}>Continue</Link>
            ) : (
              <Link to={ACCOUNT_PATHS.account}>Go to your account</Link>
            )}
          </p>
        </>
      )}
    </div>
  );
}
