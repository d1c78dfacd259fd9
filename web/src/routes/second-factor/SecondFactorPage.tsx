// The second step of signing in, for people with an authenticator app: the 6-digit code it
// shows, or one of the recovery codes given when it was set up. Both can be pasted. Staff
// may skip this for now: they can still record concerns, and Tessera asks again before
// showing records (the server decides what needs the second factor).
import { startAuthentication } from "@simplewebauthn/browser";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { hasAuthenticator, sessionApi } from "../../api/session";
import { Button, buttonClassName } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { destination, passOn } from "../../lib/destination";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import "./SecondFactorPage.css";

export const CODE_PATH = "/sign-in/code";
export const RECOVERY_PATH = "/sign-in/recovery-code";

const IDS = { code: "code" } as const;

export const SECOND_FACTOR_MESSAGES = {
  codeMissing: "Enter the 6-digit code from your authenticator app",
  codeFormat: "Enter the code using only the 6 numbers your authenticator app shows",
  recoveryMissing: "Enter one of your recovery codes",
} as const;

type Kind = "code" | "recovery";

const SET_UP_TITLE = "Set up an authenticator app";
const KEY_TITLE = "Use your security key";

const PAGES = {
  code: {
    title: "Enter the code from your authenticator app",
    label: "6-digit code",
    hint: "Open the authenticator app on your phone and enter the code it shows for Tessera. A new code appears every 30 seconds.",
  },
  recovery: {
    title: "Enter a recovery code",
    label: "Recovery code",
    hint: "You were given 10 recovery codes when you set up your authenticator app. They look like abcde-fgh23. Each one works once.",
  },
} as const;

function check(kind: Kind, value: string): FormErrors<"code"> {
  const trimmed = value.trim();
  if (kind === "recovery") {
    return fieldErrors({ code: trimmed ? "" : SECOND_FACTOR_MESSAGES.recoveryMissing }, IDS);
  }
  const digits = trimmed.replace(/[\s-]/g, "");
  if (!digits) return fieldErrors({ code: SECOND_FACTOR_MESSAGES.codeMissing }, IDS);
  if (!/^\d{6}$/.test(digits)) return fieldErrors({ code: SECOND_FACTOR_MESSAGES.codeFormat }, IDS);
  return noErrors();
}

export function SecondFactorPage({ kind }: { kind: Kind }) {
  const { state, update } = useSession();
  const location = useLocation();
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState(noErrors<"code">());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const page = PAGES[kind];
  const session = state.status === "signed-in" ? state.session : undefined;
  // The person's role needs an authenticator app, and none is set up yet.
  const needsSetUp = session !== undefined && !hasAuthenticator(session);
  const keys = session?.securityKeys ?? 0;
  // Only security keys, no authenticator app: the key is the whole page.
  const keysOnly = keys > 0 && session?.authenticatorApp === false;
  const [keyError, setKeyError] = useState<string>();
  const title = needsSetUp ? SET_UP_TITLE : keysOnly ? KEY_TITLE : page.title;
  usePageTitle(hasErrors(errors) ? `Error: ${title}` : title);

  // Nothing to ask (no second factor needed, or the code was given): go on.
  if (session && session.secondFactor !== "required") {
    return <Navigate to={destination(location.state)} replace />;
  }
  if (needsSetUp) return <SetUpFirst />;

  function fail(next: FormErrors<"code">) {
    setErrors(next);
    setFailedSubmits((count) => count + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = check(kind, code);
    if (hasErrors(problems)) {
      fail(problems);
      return;
    }
    setSubmitting(true);
    try {
      const value = kind === "code" ? code.replace(/[\s-]/g, "") : code.trim();
      const session = await (kind === "code"
        ? sessionApi.secondFactor(value)
        : sessionApi.recoveryCode(value));
      // The session now has its second factor: the check above sends the person onwards.
      update(session);
    } catch (error) {
      setSubmitting(false);
      if (isHandledByApp(error)) return;
      fail(errorsFromFailure(error, IDS));
    }
  }

  const onwards = passOn(location.state);

  async function signInWithKey() {
    if (submitting) return;
    setKeyError(undefined);
    setSubmitting(true);
    try {
      const optionsJSON = await sessionApi.keyOptions();
      const response = await startAuthentication({ optionsJSON });
      update(await sessionApi.secondFactorKey(response));
    } catch (error) {
      setSubmitting(false);
      if (isHandledByApp(error)) return;
      setKeyError(
        error instanceof ApiError
          ? (error.problem.detail ?? error.problem.title)
          : "The security key did not answer, or you cancelled. Try again.",
      );
    }
  }

  const keySection = keys > 0 && (
    <div className="second-factor__key">
      {keyError && (
        <p className="error-message" role="alert">
          {keyError}
        </p>
      )}
      <Button variant={keysOnly ? "primary" : "secondary"} onClick={() => void signInWithKey()}>
        Use a security key
      </Button>
    </div>
  );

  if (keysOnly) {
    return (
      <div className="second-factor">
        <PageHeading>{KEY_TITLE}</PageHeading>
        <p>Use the security key or passkey you added to Tessera: plug it in or unlock it.</p>
        {keySection}
        <p>
          If you do not have it with you, you can skip this for now. You will still be able to
          record a concern, but Tessera will ask again before it shows you any records.
        </p>
        <p>
          <Link to={destination(location.state)}>Skip for now</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="second-factor">
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>{page.title}</PageHeading>
      <form className="second-factor__form" noValidate onSubmit={submit}>
        {kind === "code" ? (
          <TextInput
            id={IDS.code}
            name="code"
            label={page.label}
            hint={page.hint}
            width="short"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            value={code}
            error={errors.fields.code}
            onChange={(event) => setCode(event.target.value)}
          />
        ) : (
          <TextInput
            id={IDS.code}
            name="recovery-code"
            label={page.label}
            hint={page.hint}
            className="second-factor__recovery"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={code}
            error={errors.fields.code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
        <Button type="submit">Continue</Button>
      </form>
      {kind === "code" && keySection}

      <h2 className="second-factor__other">If you cannot use your authenticator app</h2>
      {kind === "code" ? (
        <p>
          <Link to={RECOVERY_PATH} state={onwards}>
            Use a recovery code instead
          </Link>
        </p>
      ) : (
        <p>
          <Link to={CODE_PATH} state={onwards}>
            Use your authenticator app instead
          </Link>
        </p>
      )}
      <p>
        If you do not have your phone with you, you can skip this for now. You will still be able to
        record a concern, but Tessera will ask for a code before it shows you any records.
      </p>
      <p>
        <Link to={destination(location.state)}>Skip for now</Link>
      </p>
    </div>
  );
}

/** For someone whose role needs an authenticator app that is not set up yet. */
function SetUpFirst() {
  const location = useLocation();
  return (
    <div className="second-factor">
      <PageHeading>{SET_UP_TITLE}</PageHeading>
      <p className="lead">
        Your role needs a second step when you sign in: a code from an authenticator app on your
        phone. Setting it up takes a few minutes.
      </p>
      <p>
        <Link
          to="/account/authenticator"
          state={passOn(location.state)}
          className={buttonClassName("primary")}
        >
          Set up an authenticator app
        </Link>
      </p>
      <p>
        If you do not have time now, you can skip this for now. You will still be able to record a
        concern, but Tessera will ask you to set up the app before it shows you any records.
      </p>
      <p>
        <Link to={destination(location.state)}>Skip for now</Link>
      </p>
    </div>
  );
}
