// Sign in: email and password, password managers and paste welcome. Problems show in an
// error summary at the top (which takes focus) and beside each field; nothing typed is lost.
// With an authenticator app set up, the code is asked for next (SecondFactorPage).
import { type FormEvent, useState } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { ApiError, NetworkError } from "../../api/client";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { destination, type FromState, passOn } from "../../lib/destination";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { CODE_PATH } from "../second-factor/SecondFactorPage";
import { PasskeySignIn } from "./PasskeySignIn";
import { SsoCallbackError, SsoSignIn } from "./SsoSignIn";
import "./SignInPage.css";

type Field = "email" | "password";

interface FormErrors {
  fields: Partial<Record<Field, string>>;
  /** Problems that belong to the whole form, in the order they are shown. */
  summary: SummaryError[];
}

const NO_ERRORS: FormErrors = { fields: {}, summary: [] };
const FIELD_IDS: Record<Field, string> = { email: "email", password: "password" };

export const MESSAGES = {
  emailMissing: "Enter your email address",
  emailFormat: "Enter an email address in the correct format, like name@example.com",
  passwordMissing: "Enter your password",
  wrongDetails: "The email address or password is not right. Check them and try again.",
  tooMany: "There have been too many attempts to sign in. Wait a few minutes, then try again.",
  unreachable: "Tessera could not be reached. Check your internet connection, then try again.",
  serverFault: "Something went wrong in Tessera. Try again in a few minutes.",
} as const;

function fieldErrors(fields: FormErrors["fields"]): FormErrors {
  const summary: SummaryError[] = [];
  for (const field of ["email", "password"] as const) {
    const message = fields[field];
    if (message) summary.push({ message, fieldId: FIELD_IDS[field] });
  }
  return { fields, summary };
}

function checkForm(email: string, password: string): FormErrors {
  const fields: FormErrors["fields"] = {};
  const trimmed = email.trim();
  if (!trimmed) fields.email = MESSAGES.emailMissing;
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) fields.email = MESSAGES.emailFormat;
  if (!password) fields.password = MESSAGES.passwordMissing;
  return fieldErrors(fields);
}

/** Turns a failed sign-in into words for the person at the keyboard. */
function errorsFromFailure(error: unknown): FormErrors {
  if (error instanceof NetworkError) {
    return { fields: {}, summary: [{ message: MESSAGES.unreachable }] };
  }
  if (!(error instanceof ApiError)) {
    return { fields: {}, summary: [{ message: MESSAGES.serverFault }] };
  }
  const { problem } = error;
  switch (problem.status) {
    case 400: {
      const fields: FormErrors["fields"] = {};
      for (const item of problem.errors ?? []) {
        const name = item.path.split(/[./]/).pop();
        if (name === "email" || name === "password") fields[name] ??= item.message;
      }
      const result = fieldErrors(fields);
      if (result.summary.length > 0) return result;
      return { fields: {}, summary: [{ message: problem.detail ?? problem.title }] };
    }
    case 401:
      return {
        fields: {},
        summary: [{ message: MESSAGES.wrongDetails, fieldId: FIELD_IDS.email }],
      };
    case 429:
      return { fields: {}, summary: [{ message: problem.detail ?? MESSAGES.tooMany }] };
    default:
      if (problem.status >= 500)
        return { fields: {}, summary: [{ message: MESSAGES.serverFault }] };
      return { fields: {}, summary: [{ message: problem.detail ?? problem.title }] };
  }
}

export function SignInPage() {
  const { state: session, signIn } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [next, setNext] = useState<{ to: string; state?: FromState }>();
  const hasErrors = errors.summary.length > 0;
  usePageTitle(hasErrors ? "Error: Sign in" : "Sign in");

  // Signed in just now: on to the code (when an authenticator app is set up) or onwards.
  if (next) return <Navigate to={next.to} replace state={next.state} />;
  if (session.status === "signed-in" && !submitting) {
    return <Navigate to={destination(location.state)} replace />;
  }
  if (session.status === "loading") return <Loading />;

  function fail(next: FormErrors) {
    setErrors(next);
    setFailedSubmits((count) => count + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = checkForm(email, password);
    if (problems.summary.length > 0) {
      fail(problems);
      return;
    }
    setSubmitting(true);
    try {
      const session = await signIn(email.trim(), password);
      setErrors(NO_ERRORS);
      // A second factor is needed: ask for the code next (or, for someone whose role needs an
      // authenticator app they have not set up yet, offer to set one up). Either can be skipped.
      setNext(
        session.secondFactor === "required"
          ? { to: CODE_PATH, state: passOn(location.state) }
          : { to: destination(location.state) },
      );
    } catch (error) {
      fail(errorsFromFailure(error));
      setSubmitting(false);
    }
  }

  return (
    <div className="sign-in">
      {hasErrors ? (
        <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />
      ) : (
        <SsoCallbackError />
      )}
      <PageHeading>Sign in</PageHeading>
      <form className="sign-in__form" noValidate onSubmit={submit}>
        <TextInput
          id={FIELD_IDS.email}
          name="email"
          type="email"
          label="Email address"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          inputMode="email"
          value={email}
          error={errors.fields.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextInput
          id={FIELD_IDS.password}
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          value={password}
          error={errors.fields.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit">Sign in</Button>
      </form>
      <PasskeySignIn />
      <p>
        <Link to="/forgotten-password">Forgotten your password?</Link>
      </p>
      <SsoSignIn email={email} />
      <p className="secondary-text">
        If you cannot sign in for another reason, ask the person who looks after Tessera at your
        school.
      </p>
    </div>
  );
}
