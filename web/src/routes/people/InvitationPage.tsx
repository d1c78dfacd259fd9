// The page an invitation email links to. Opening it (a GET, as mail scanners do) uses
// nothing up; only setting a password here accepts the invitation, once.
import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, NetworkError } from "../../api/client";
import { type InvitationDetails, peopleApi } from "../../api/people";
import { Button, buttonClassName } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { PasswordInput } from "../../components/PasswordInput/PasswordInput";
import { formatDate } from "../../lib/dates";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  GENERAL_MESSAGES,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";

type Field = "password";
const IDS: Record<Field, string> = { password: "new-password" };

export function InvitationPage() {
  const { token = "" } = useParams();
  const [details, setDetails] = useState<InvitationDetails>();
  const [dead, setDead] = useState<string>();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ email: string; school: string }>();
  usePageTitle(
    done
      ? "Your account is ready"
      : dead
        ? "This invitation link does not work"
        : hasErrors(errors)
          ? "Error: Set your password"
          : "Set your password",
  );

  useEffect(() => {
    peopleApi
      .invitation(token)
      .then(setDetails)
      .catch((error: unknown) => {
        if (error instanceof ApiError) setDead(error.problem.detail ?? error.problem.title);
        else if (error instanceof NetworkError) setDead(GENERAL_MESSAGES.unreachable);
        else setDead(GENERAL_MESSAGES.serverFault);
      });
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const problems = fieldErrors<Field>({ password: password ? "" : "Enter a password" }, IDS);
    if (hasErrors(problems)) {
      setErrors(problems);
      setFailedSubmits((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      setDone(await peopleApi.acceptInvitation(token, password));
    } catch (error) {
      setErrors(errorsFromFailure(error, IDS));
      setFailedSubmits((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  if (done) {
    return (
      <div className="reading-width">
        <PageHeading>Your account is ready</PageHeading>
        <p>
          You can now sign in to Tessera at {done.school} with {done.email} and the password you
          chose.
        </p>
        <p>
          <Link to="/sign-in" className={buttonClassName("primary")}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  if (dead) {
    return (
      <div className="reading-width">
        <PageHeading>This invitation link does not work</PageHeading>
        <p>{dead}</p>
      </div>
    );
  }
  if (!details) return <Loading />;
  return (
    <div className="reading-width">
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>Set your password</PageHeading>
      <p>
        Welcome, {details.name}. You have been invited to use Tessera at{" "}
        <strong>{details.school}</strong>. Choose a password to finish setting up your account. This
        link works once, until {formatDate(new Date(details.expiresAt))}.
      </p>
      <form noValidate onSubmit={submit}>
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={details.email}
          readOnly
          hidden
        />
        <PasswordInput
          id={IDS.password}
          name="new-password"
          label="Choose a password"
          hint={`Use at least ${details.minPasswordLength} characters. Three or four random words together are easy to remember and hard to guess. You can paste a password from a password manager.`}
          autoComplete="new-password"
          value={password}
          error={errors.fields.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" disabled={sending}>
          Set password
        </Button>
      </form>
    </div>
  );
}
