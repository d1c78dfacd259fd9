// The lock screen: covers the whole page (which stays mounted underneath, inert and
// invisible) and asks for the password. "Sign out" is there for someone else who needs
// the computer; anything not saved is then lost, as the screen says.
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client";
import type { Session } from "../api/session";
import { Button } from "../components/Button/Button";
import { ErrorSummary } from "../components/ErrorSummary/ErrorSummary";
import { PasswordInput } from "../components/PasswordInput/PasswordInput";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  formError,
  hasErrors,
  noErrors,
} from "../lib/formErrors";
import { useSession } from "./SessionContext";

const IDS = { password: "unlock-password" } as const;

export const LOCK_MESSAGES = {
  passwordMissing: "Enter your password",
  signOutFailed: "Signing out did not work. Check your connection, then try again.",
  keyFailed:
    "Your security key did not unlock Tessera. Try again, use a key that asks for your PIN or fingerprint, or enter your password.",
} as const;

export function LockScreen({ session }: { session: Session }) {
  const { unlock, unlockWithKey, signOut } = useSession();
  // Someone who signs in without a password (a passkey, the school's own accounts) unlocks
  // with a key; anyone with a key may.
  const offerKey = (session.securityKeys ?? 0) > 0 && browserSupportsWebAuthn();
  const navigate = useNavigate();
  const titleId = useId();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState(noErrors<"password">());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [busy, setBusy] = useState(false);

  // The password field takes focus when the screen appears.
  useEffect(() => {
    document.getElementById(IDS.password)?.focus({ preventScroll: true });
  }, []);

  function fail(problems: FormErrors<"password">) {
    setErrors(problems);
    setFailedSubmits((count) => count + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!password) {
      fail(fieldErrors({ password: LOCK_MESSAGES.passwordMissing }, IDS));
      return;
    }
    setBusy(true);
    try {
      await unlock(password);
      // Unlocked: this screen goes away, and the page underneath is as it was.
    } catch (error) {
      setBusy(false);
      setPassword("");
      fail(errorsFromFailure(error, IDS));
    }
  }

  async function onKey() {
    if (busy) return;
    setBusy(true);
    try {
      await unlockWithKey();
    } catch (error) {
      setBusy(false);
      fail(
        formError(
          error instanceof ApiError && error.status === 429
            ? (error.problem.detail ?? LOCK_MESSAGES.keyFailed)
            : LOCK_MESSAGES.keyFailed,
        ),
      );
    }
  }

  async function onSignOut() {
    try {
      await signOut();
      navigate("/sign-in", { replace: true });
    } catch {
      fail(formError(LOCK_MESSAGES.signOutFailed));
    }
  }

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="lock-screen__content">
        {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
        <h1 className="lock-screen__title" id={titleId}>
          Tessera is locked
        </h1>
        <p>
          Tessera locked itself because it was not used for a while. Enter your password to carry on
          where you left off.
        </p>
        <form noValidate onSubmit={submit}>
          <input
            type="email"
            name="username"
            autoComplete="username"
            value={session.user.email}
            readOnly
            hidden
          />
          <PasswordInput
            id={IDS.password}
            name="password"
            label="Password"
            hint={`Signed in as ${session.user.name}`}
            autoComplete="current-password"
            showToggle={false}
            value={password}
            error={errors.fields.password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <Button type="submit" aria-disabled={busy || undefined}>
            Unlock
          </Button>
        </form>
        {offerKey && (
          <p>
            <Button variant="secondary" aria-disabled={busy || undefined} onClick={onKey}>
              Unlock with your security key or passkey
            </Button>
          </p>
        )}
        <p className="lock-screen__other">
          If someone else needs this computer, sign out. Anything you have not saved will be lost.
        </p>
        <Button variant="secondary" onClick={onSignOut}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
