// "Sign in with a passkey": no email, no password. The browser offers the passkeys it
// holds for Tessera and checks the person's PIN, fingerprint or face; the server answers
// with a fully signed-in session, and the sign-in page moves on as after any sign-in.
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { useState } from "react";
import { ApiError, NetworkError } from "../../api/client";
import { sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { useSession } from "../../session/SessionContext";

function failure(error: unknown): string {
  if (error instanceof NetworkError) {
    return "Tessera could not be reached. Check your internet connection, then try again.";
  }
  if (error instanceof ApiError) {
    if (error.status === 429) return error.problem.detail ?? "Wait a few minutes, then try again.";
    if (error.status >= 500) return "Something went wrong in Tessera. Try again in a few minutes.";
    return error.problem.detail ?? error.problem.title;
  }
  return "The passkey did not answer, or you cancelled. Try again, or sign in with your email and password.";
}

export function PasskeySignIn() {
  const { update } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!browserSupportsWebAuthn()) return null;

  async function signIn() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const optionsJSON = await sessionApi.passkeyOptions();
      const response = await startAuthentication({ optionsJSON });
      update(await sessionApi.passkeySignIn(response));
    } catch (problem) {
      setError(failure(problem));
      setBusy(false);
    }
  }

  return (
    <section className="sign-in__passkey" aria-labelledby="passkey-heading">
      <h2 id="passkey-heading">Or use a passkey</h2>
      <p className="secondary-text">
        If you have set up a passkey on this computer, your phone or a security key, you can sign in
        with it instead of your email and password.
      </p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <Button variant="secondary" aria-disabled={busy || undefined} onClick={() => void signIn()}>
        Sign in with a passkey
      </Button>
    </section>
  );
}
