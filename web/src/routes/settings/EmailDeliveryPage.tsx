// Emails Tessera could not deliver (the outbox retries with backoff, then gives up):
// the administrator sees which, why, and tries a failed one again once the mail server
// is mended. Never the emails' content.
import { useCallback, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { deliveryApi, type UndeliveredEmail } from "../../api/settings";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import "./settings.css";

export function EmailDeliveryPage() {
  usePageTitle("Email delivery");
  const [items, setItems] = useState<UndeliveredEmail[] | null>(null);
  const [failed, setFailed] = useState("");
  const [notice, setNotice] = useState("");

  const load = useCallback(
    (signal?: AbortSignal) =>
      deliveryApi
        .list(signal)
        .then((r) => setItems(r.items))
        .catch((error) => {
          if (signal?.aborted || isHandledByApp(error)) return;
          setFailed(
            error instanceof ApiError && error.status === 403
              ? "Only the administrator and the DSL team can see this."
              : GENERAL_MESSAGES.unreachable,
          );
        }),
    [],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function retry(item: UndeliveredEmail) {
    setNotice("");
    try {
      await deliveryApi.retry(item.id);
      setNotice(`${item.label} will be sent again within a minute.`);
      void load();
    } catch (error) {
      if (!isHandledByApp(error)) setFailed(GENERAL_MESSAGES.unreachable);
    }
  }

  return (
    <div className="reading-width">
      <PageHeading>Email delivery</PageHeading>
      <p>
        Tessera sends alerts and notices by email and tries again when the mail server does not
        answer. Emails it has not been able to send are listed here.
      </p>
      {notice && <output className="notice notice--success">{notice}</output>}
      {failed && (
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      )}
      {!failed && items === null && <Loading />}
      {items && items.length === 0 && <p>Every email has been delivered.</p>}
      {items && items.length > 0 && (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={item.id} className="settings__email">
              <h2>{item.label}</h2>
              <p>
                Queued {formatDateTime(item.createdAt)}. Tried {item.attempts}{" "}
                {item.attempts === 1 ? "time" : "times"}.
                {item.state === "retrying" && item.nextAttemptAt
                  ? ` Trying again at ${formatDateTime(item.nextAttemptAt)}.`
                  : " Tessera has stopped trying."}
              </p>
              {item.lastError && <p className="secondary-text">Last error: {item.lastError}</p>}
              {item.state === "failed" && (
                <Button variant="secondary" onClick={() => void retry(item)}>
                  Try again
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
