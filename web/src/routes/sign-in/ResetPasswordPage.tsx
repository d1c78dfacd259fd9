// Choose a new password from an emailed link. Opening the page uses nothing up; only
// saving the new password does, and then every session of the account ends.
import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { PasswordInput } from "../../components/PasswordInput/PasswordInput";
import { usePageTitle } from "../../lib/pageTitle";

type State =
  | { status: "loading" }
  | { status: "open"; email: string }
  | { status: "gone"; message: string }
  | { status: "done" };

function goneMessage(error: unknown): string {
  if (error instanceof ApiError && error.problem.detail) return error.problem.detail;
  return "This page could not be loaded. Check your internet connection, then try again.";
}

export function ResetPasswordPage() {
  const { token = "" } = useParams();
  usePageTitle("Choose a new password");
  const [state, setState] = useState<State>({ status: "loading" });
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [tries, setTries] = useState(0);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    sessionApi.openReset(token, controller.signal).then(
      (reset) => setState({ status: "open", email: reset.email }),
      (failure) => {
        if (!controller.signal.aborted) setState({ status: "gone", message: goneMessage(failure) });
      },
    );
    return () => controller.abort();
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    if (!password) {
      setError("Enter a new password");
      setSummary([{ message: "Enter a new password", fieldId: "new-password" }]);
      setTries((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      await sessionApi.reset(token, password);
      setState({ status: "done" });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 410) {
        setState({ status: "gone", message: goneMessage(failure) });
        return;
      }
      const fieldMessages =
        failure instanceof ApiError ? (failure.problem.errors ?? []).map((e) => e.message) : [];
      const message =
        fieldMessages.join(" ") ||
        (failure instanceof ApiError
          ? (failure.problem.detail ?? failure.problem.title)
          : "Tessera could not be reached. Check your internet connection, then try again.");
      setError(fieldMessages.length > 0 ? message : undefined);
      setSummary([{ message, fieldId: fieldMessages.length > 0 ? "new-password" : undefined }]);
      setTries((n) => n + 1);
    } finally {
      setSaving(false);
    }
  }

  if (state.status === "loading") return <Loading />;
  if (state.status === "gone") {
    return (
      <div className="reading-width">
        <PageHeading>This link does not work</PageHeading>
        <p>{state.message}</p>
        <p>
          <Link to="/forgotten-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  if (state.status === "done") {
    return (
      <div className="reading-width">
        <PageHeading>Your password has been changed</PageHeading>
        <p>
          You have been signed out everywhere. Sign in with your new password; you will still need
          your authenticator app or security key.
        </p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="reading-width">
      <ErrorSummary errors={summary} focusKey={tries} />
      <PageHeading>Choose a new password</PageHeading>
      <p>For {state.email}.</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {/* Lets a password manager save the new password against the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={state.email} />
        <PasswordInput
          id="new-password"
          label="New password"
          hint="At least 12 characters. Three or four random words work well."
          autoComplete="new-password"
          value={password}
          error={error}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" aria-disabled={saving || undefined}>
          Save new password
        </Button>
      </form>
    </div>
  );
}
