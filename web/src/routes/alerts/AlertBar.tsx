// On a record opened from an alert: when the person was alerted, "Mark as read" (the server
// records when) and "See next alert" (the next unread one, oldest first).
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type AlertItem, incidentsApi } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { announceAlertsChanged } from "../../lib/alertsChanged";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { alertTarget, isAlertFor } from "./alertTarget";
import "./AlertBar.css";

export function AlertBar({ incidentId, actionId }: { incidentId: string; actionId?: string }) {
  const navigate = useNavigate();
  const [alerts, setAlerts] = useState<AlertItem[] | null>(null);
  const [reloads, setReloads] = useState(0);
  const [failed, setFailed] = useState("");
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads asks again after marking.
  useEffect(() => {
    const controller = new AbortController();
    incidentsApi.alerts(controller.signal, false).then(
      (answer) => setAlerts(answer.items),
      () => undefined,
    );
    return () => controller.abort();
  }, [incidentId, actionId, reloads]);
  if (!alerts) return null;
  const record = { incidentId, actionId };
  const mine = alerts.filter((alert) => isAlertFor(alert, record));
  const unread = mine.find((alert) => !alert.readAt);
  const read = mine.find((alert) => alert.readAt);
  const next = alerts.find((alert) => !alert.readAt && !isAlertFor(alert, record));
  if (mine.length === 0 && !next) return null;

  async function markRead(alertId: string) {
    setBusy(true);
    setFailed("");
    try {
      await incidentsApi.markRead(alertId);
      announceAlertsChanged();
      setReloads((count) => count + 1);
    } catch (error) {
      if (isHandledByApp(error)) return;
      setFailed(
        error instanceof ApiError
          ? (error.problem.detail ?? error.problem.title)
          : GENERAL_MESSAGES.unreachable,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="alert-bar" aria-labelledby="alert-bar-heading">
      <h2 id="alert-bar-heading" className="alert-bar__heading">
        {mine.length > 0 ? "Your alert" : "Your alerts"}
      </h2>
      {mine.length === 0 && <p>You have unread alerts about other records.</p>}
      {unread && (
        <p>
          {unread.raisedBy} alerted you to this on {formatDateTime(unread.sentAt)}. You have not
          marked it as read.
        </p>
      )}
      {!unread && read?.readAt && (
        <p>
          <output>You marked this alert as read on {formatDateTime(read.readAt)}.</output>
        </p>
      )}
      {failed && (
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      )}
      <div className="button-group">
        {unread && (
          <Button disabled={busy} onClick={() => void markRead(unread.id)}>
            Mark as read
          </Button>
        )}
        {next ? (
          <Button
            variant="secondary"
            onClick={() => navigate(alertTarget(next), { state: { fromAlerts: true } })}
          >
            See next alert
          </Button>
        ) : (
          <p className="secondary-text">You have no other unread alerts.</p>
        )}
      </div>
    </section>
  );
}
