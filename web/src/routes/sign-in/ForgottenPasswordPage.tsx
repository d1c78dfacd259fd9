// Forgotten password: ask for a reset link by email. The answer is the same whether or not
// the address has an account, so the page cannot be used to find out who works where.
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { usePageTitle } from "../../lib/pageTitle";

export function ForgottenPasswordPage() {
  usePageTitle("Forgotten your password?");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [tries, setTries] = useState(0);
  const [sent, setSent] = useState<string>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const trimmed = email.trim();
    const problem = !trimmed
      ? "Enter your email address"
      : !/^[^\s@]+@[^\s@]+$/.test(trimmed)
        ? "Enter an email address in the correct format, like name@example.com"
        : undefined;
    setError(problem);
    if (problem) {
      setSummary([{ message: problem, fieldId: "reset-email" }]);
      setTries((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      setSent((await sessionApi.askForReset(trimmed)).message);
    } catch (failure) {
      setSummary([
        {
          message:
            failure instanceof ApiError
              ? (failure.problem.detail ?? failure.problem.title)
              : "Tessera could not be reached. Check your internet connection, then try again.",
        },
      ]);
      setTries((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  if (sent) {
    return (
      <div className="reading-width">
        <PageHeading>Check your email</PageHeading>
        <p>{sent}</p>
        <p>
          If nothing arrives within a few minutes, check your spam folder, or ask the person who
          looks after Tessera at your school.
        </p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="reading-width">
      <ErrorSummary errors={summary} focusKey={tries} />
      <PageHeading>Forgotten your password?</PageHeading>
      <p>
        Enter the email address you sign in with. We will email you a link to choose a new password.
        You will still need your authenticator app or security key to sign in.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="reset-email"
          type="email"
          label="Email address"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          inputMode="email"
          value={email}
          error={error}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Button type="submit" aria-disabled={sending || undefined}>
          Email me a link
        </Button>
      </form>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}
