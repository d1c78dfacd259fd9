// Security keys and passkeys: a second step at sign-in beside the authenticator app. Several
// can be registered, each with a name; a lost one is removed with the password, and Tessera
// never accepts it again. A key added "as a passkey" (it keeps the account on the key and
// checks a PIN or biometric every time) also signs in on its own, without the password.
import { startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type SecurityKey, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { PasswordInput } from "../../components/PasswordInput/PasswordInput";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { ACCOUNT_PATHS } from "./AccountPage";
import "./account.css";

const TITLE = "Security keys and passkeys";

function failure(error: unknown, fallback: string): string {
  if (
    error instanceof WebAuthnError ||
    (error instanceof Error && error.name === "NotAllowedError")
  ) {
    return "The security key did not answer, or you cancelled. Try again.";
  }
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return fallback;
}

function RemoveKey({ item, onRemoved }: { item: SecurityKey; onRemoved: () => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const id = `remove-${item.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError("Enter your password");
      return;
    }
    try {
      await sessionApi.removeSecurityKey(item.id, password);
      onRemoved();
    } catch (problem) {
      if (isHandledByApp(problem)) return;
      setError(
        problem instanceof ApiError && problem.problem.errors?.[0]
          ? problem.problem.errors[0].message
          : failure(problem, "It could not be removed. Try again."),
      );
    }
  }

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Remove<span className="visually-hidden"> {item.name}</span>
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-label={`Remove ${item.name}`}>
      <PasswordInput
        id={id}
        label={`Your password, to remove ${item.name}`}
        autoComplete="current-password"
        value={password}
        error={error}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="button-group">
        <Button type="submit" variant="warning">
          Remove {item.name}
        </Button>
        <Button variant="link" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function SecurityKeysPage() {
  usePageTitle(TITLE);
  const { reload } = useSession();
  const [keys, setKeys] = useState<SecurityKey[] | "failed">();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string>();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string }>();
  const [adding, setAdding] = useState(false);
  const [asPasskey, setAsPasskey] = useState(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setKeys((await sessionApi.securityKeys(signal)).items);
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setKeys("failed");
    }
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (adding) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the key a name, such as “Blue key” or “My phone”");
      return;
    }
    setNameError(undefined);
    setAdding(true);
    setMessage(undefined);
    try {
      const optionsJSON = await sessionApi.securityKeyOptions(asPasskey);
      const response = await startRegistration({ optionsJSON });
      const key = await sessionApi.addSecurityKey(trimmed, response, asPasskey);
      setMessage({
        kind: "success",
        text: key.passkey
          ? `${key.name} has been added. You can now sign in with it, without your password.`
          : `${key.name} has been added.`,
      });
      setName("");
      setAsPasskey(false);
      await load();
      await reload();
    } catch (error) {
      if (isHandledByApp(error)) return;
      setMessage({ kind: "error", text: failure(error, "The key could not be added. Try again.") });
    } finally {
      setAdding(false);
    }
  }

  return (
    <div>
      <Link to={ACCOUNT_PATHS.account} className="back-link">
        Back to your account
      </Link>
      <PageHeading>{TITLE}</PageHeading>
      <p className="reading-width">
        A security key (such as a USB key) or a passkey on your phone or computer can be your second
        step when you sign in, instead of a code from your authenticator app. Add more than one, so
        you can still sign in if you lose one.
      </p>
      <output className={message ? `notice notice--${message.kind}` : undefined}>
        {message?.text}
      </output>
      <h2>Your keys</h2>
      {keys === undefined && <Loading />}
      {keys === "failed" && <p>Your keys could not be loaded. Reload the page to try again.</p>}
      {Array.isArray(keys) && keys.length === 0 && <p>You have not added a security key yet.</p>}
      {Array.isArray(keys) && keys.length > 0 && (
        <ul className="plain-list">
          {keys.map((item) => (
            <li key={item.id} className="security-key">
              <h3 className="security-key__name">{item.name}</h3>
              <p>
                {item.passkey
                  ? "Passkey: signs you in without your password."
                  : "Security key: your second step after your password."}
              </p>
              <p className="secondary-text">
                Added {formatDateTime(item.createdAt)}.{" "}
                {item.lastUsedAt
                  ? `Last used ${formatDateTime(item.lastUsedAt)}.`
                  : "Not used yet."}
              </p>
              <RemoveKey
                item={item}
                onRemoved={() => {
                  setMessage({ kind: "success", text: `${item.name} has been removed.` });
                  void load();
                  void reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>Add a key</h2>
      <form noValidate onSubmit={(event) => void add(event)} className="reading-width">
        <TextInput
          id="key-name"
          label="Name for the key"
          hint="So you can tell your keys apart, for example “Blue key” or “Work laptop”."
          value={name}
          error={nameError}
          onChange={(event) => setName(event.target.value)}
        />
        <p className="hint">
          Your phone, computer or key will ask for your PIN, fingerprint or face each time, so the
          passkey counts as both steps. Only choose this for a device that only you can unlock.
        </p>
        <Checkbox
          id="key-passkey"
          label="Use this as a passkey to sign in without a password"
          checked={asPasskey}
          onChange={(event) => setAsPasskey(event.target.checked)}
        />
        <Button type="submit" aria-disabled={adding || undefined}>
          Add a security key
        </Button>
      </form>
    </div>
  );
}
