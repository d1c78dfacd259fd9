// Browsers you have signed in from: Tessera emails you when your account is signed in
// from one not on this list. Forgetting one means the next sign-in from it emails again
// (for a computer you no longer use, or one you are not sure about).
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { isHandledByApp } from "../../api/client";
import { type KnownDevice, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { ACCOUNT_PATHS } from "./AccountPage";
import "./account.css";

const TITLE = "Browsers you have signed in from";

export function DevicesPage() {
  usePageTitle(TITLE);
  const { unlockCount } = useSession();
  const [devices, setDevices] = useState<KnownDevice[] | "failed">();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string }>();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setDevices((await sessionApi.devices(signal)).items);
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setDevices("failed");
    }
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount is the trigger.
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, unlockCount]);

  async function forget(device: KnownDevice) {
    try {
      await sessionApi.forgetDevice(device.id);
      setMessage({
        kind: "success",
        text: `${device.userAgent} was forgotten. Signing in from it again will email you.`,
      });
      await load();
    } catch (error) {
      if (isHandledByApp(error)) return;
      setMessage({ kind: "error", text: "It could not be forgotten. Try again." });
    }
  }

  return (
    <div className="reading-width">
      <Link to={ACCOUNT_PATHS.account} className="back-link">
        Back to your account
      </Link>
      <PageHeading>{TITLE}</PageHeading>
      <p>
        When your account is signed in from a browser that is not on this list, Tessera emails you.
        If you get such an email and it was not you, tell your designated safeguarding lead and
        change your password.
      </p>
      <div
        className={message ? `notice notice--${message.kind}` : undefined}
        role={message?.kind === "error" ? "alert" : "status"}
      >
        {message?.text}
      </div>
      {devices === undefined && <Loading />}
      {devices === "failed" && <p>The list could not be loaded. Reload the page to try again.</p>}
      {Array.isArray(devices) && devices.length === 0 && (
        <p>No browsers yet: the list starts with your next sign-in.</p>
      )}
      {Array.isArray(devices) && devices.length > 0 && (
        <ul className="plain-list">
          {devices.map((device) => (
            <li key={device.id} className="security-key">
              <h2 className="security-key__name">
                {device.userAgent}
                {device.current && (
                  <>
                    {" "}
                    <strong className="tag">This browser</strong>
                  </>
                )}
              </h2>
              <p className="secondary-text">
                First signed in{" "}
                <time dateTime={isoDateTime(device.firstSeenAt)}>
                  {formatDateTime(device.firstSeenAt)}
                </time>
                , last{" "}
                <time dateTime={isoDateTime(device.lastSeenAt)}>
                  {formatDateTime(device.lastSeenAt)}
                </time>
                .
              </p>
              <Button variant="secondary" onClick={() => void forget(device)}>
                Forget<span className="visually-hidden"> {device.userAgent}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
