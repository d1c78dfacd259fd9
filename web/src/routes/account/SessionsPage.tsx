// Where you are signed in: each session with its browser and device, when it was signed in
// and last used (UK dates), "This device" marked, and a button to end any of the others —
// for a lost phone or a shared computer left signed in.
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type SessionListItem, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import { describeUserAgent } from "../../lib/userAgent";
import { useSession } from "../../session/SessionContext";
import { ACCOUNT_PATHS } from "./AccountPage";
import "./account.css";

const TITLE = "Where you are signed in";

type Loaded =
  | { status: "loading" }
  | { status: "loaded"; items: SessionListItem[] }
  | { status: "failed" };

type Message = { kind: "success" | "error"; text: string };

/** This device first, then the most recently used. */
function ordered(items: SessionListItem[]): SessionListItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      new Date(b.lastSeenAt).getTime() - new Date(a.lastSeenAt).getTime(),
  );
}

export function SessionsPage() {
  usePageTitle(TITLE);
  const { unlockCount } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [message, setMessage] = useState<Message>();
  const [ending, setEnding] = useState<string>();
  const messageRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { items } = await sessionApi.sessions(signal);
      setLoaded({ status: "loaded", items: ordered(items) });
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setLoaded({ status: "failed" });
    }
  }, []);

  // Loads again after an unlock, in case the lock refused the first try.
  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount is the trigger.
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, unlockCount]);

  // The button that was pressed is gone: the message about it takes focus instead.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  async function end(item: SessionListItem) {
    if (ending) return;
    setEnding(item.id);
    const device = describeUserAgent(item.userAgent);
    try {
      await sessionApi.endSession(item.id);
      setLoaded((current) =>
        current.status === "loaded"
          ? { status: "loaded", items: current.items.filter((other) => other.id !== item.id) }
          : current,
      );
      setMessage({ kind: "success", text: `You have been signed out on ${device}.` });
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 404) {
        // Already ended (it timed out, or was ended elsewhere).
        setLoaded((current) =>
          current.status === "loaded"
            ? { status: "loaded", items: current.items.filter((other) => other.id !== item.id) }
            : current,
        );
        setMessage({ kind: "success", text: `The session on ${device} had already ended.` });
      } else {
        setMessage({
          kind: "error",
          text: "The session could not be ended. Check your internet connection, then try again.",
        });
      }
    } finally {
      setEnding(undefined);
    }
  }

  return (
    <div className="sessions">
      <Link to={ACCOUNT_PATHS.account} className="back-link">
        Back to your account
      </Link>
      <PageHeading>{TITLE}</PageHeading>
      <p className="reading-width">
        These are the browsers and devices where you are signed in to Tessera. If you see one you do
        not recognise, or you left Tessera signed in on a shared computer, end that session. Then
        change your password if you think someone else knows it.
      </p>
      <div
        ref={messageRef}
        tabIndex={-1}
        className={message ? `notice notice--${message.kind}` : undefined}
        role={message?.kind === "error" ? "alert" : "status"}
      >
        {message?.text}
      </div>
      {loaded.status === "loading" && <Loading />}
      {loaded.status === "failed" && (
        <>
          <p>The list could not be loaded. Check your internet connection, then try again.</p>
          <Button onClick={() => void load()}>Try again</Button>
        </>
      )}
      {loaded.status === "loaded" && (
        <table className="table sessions__table">
          <caption className="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">Browser and device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.items.map((item) => {
              const device = describeUserAgent(item.userAgent);
              return (
                <tr key={item.id}>
                  <td data-label="Browser and device">
                    {device}
                    {item.current && (
                      <>
                        {" "}
                        <strong className="tag">This device</strong>
                      </>
                    )}
                  </td>
                  <td data-label="Signed in">
                    <time dateTime={isoDateTime(item.createdAt)}>
                      {formatDateTime(item.createdAt)}
                    </time>
                  </td>
                  <td data-label="Last active">
                    <time dateTime={isoDateTime(item.lastSeenAt)}>
                      {formatDateTime(item.lastSeenAt)}
                    </time>
                  </td>
                  <td className="sessions__action">
                    {!item.current && (
                      <Button
                        variant="secondary"
                        className="sessions__end"
                        aria-disabled={ending === item.id || undefined}
                        onClick={() => void end(item)}
                      >
                        End session
                        <span className="visually-hidden">
                          {" "}
                          on {device}, last active {formatDateTime(item.lastSeenAt)}
                        </span>
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
