// Signing in with the school's own account: the person gives their school email; if its
// domain belongs to a school that signs in through Microsoft, Google or another OpenID
// provider, a link starts that sign-in. The answer depends on the domain alone, so it
// tells nobody whether an account exists.
import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { type SsoOffer, ssoApi } from "../../api/sso";
import { Button, buttonClassName } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { TextInput } from "../../components/TextInput/TextInput";
import { ssoErrorMessage } from "./ssoErrors";
import "./SsoSignIn.css";

/** Why the provider sent the person back without signing them in, at the top of the page. */
export function SsoCallbackError() {
  const [params] = useSearchParams();
  const message = ssoErrorMessage(params.get("sso_error"));
  if (!message) return null;
  return <ErrorSummary title="You are not signed in" errors={[{ message }]} focusKey={0} />;
}

export function SsoSignIn({ email }: { email: string }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [offer, setOffer] = useState<SsoOffer | null>();
  const [busy, setBusy] = useState(false);
  const value = typed ?? email;

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = value.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
      setError("Enter your school email, like name@school.org.uk");
      setOffer(undefined);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      setOffer((await ssoApi.discover(address)).provider);
    } catch (failure) {
      setOffer(undefined);
      setError(
        failure instanceof ApiError
          ? (failure.problem.detail ?? failure.problem.title)
          : "Tessera could not be reached. Check your internet connection, then try again.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sso-sign-in" aria-labelledby="sso-sign-in-heading">
      <h2 id="sso-sign-in-heading" className="sso-sign-in__heading">
        Use your school's Microsoft or Google account
      </h2>
      <p>
        If your school signs in to Tessera with the accounts it gives you, give your school email to
        go on with its sign-in.
      </p>
      <form noValidate onSubmit={find}>
        <TextInput
          id="sso-email"
          name="sso-email"
          type="email"
          label="Your school email"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          inputMode="email"
          value={value}
          error={error}
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          Find my school
        </Button>
      </form>
      <div aria-live="polite">
        {offer && (
          <p>
            <a className={buttonClassName("primary")} href={offer.startUrl}>
              {offer.label}
            </a>
          </p>
        )}
        {offer === null && (
          <p>
            Your school does not sign in to Tessera this way. Use your email address and password.
          </p>
        )}
      </div>
    </section>
  );
}
