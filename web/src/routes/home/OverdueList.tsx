// For the DSL team: incidents nobody has reviewed yet (oldest first, overdue marked) and
// alerts left unread too long — numbers and ages only; each record opens through its own
// checks.
import { Link } from "react-router";
import type { Dashboard } from "../../api/incidents";
import { formatDateTime } from "../../lib/dates";

function age(hours: number): string {
  if (hours < 1) return "under an hour";
  if (hours < 48) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  return `${Math.floor(hours / 24)} days`;
}

export function OverdueList({ dashboard }: { dashboard: Dashboard }) {
  const { unreviewed, unreadAlertsOverdue, reviewWithinHours } = dashboard;
  return (
    <section className="overdue" aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">Waiting for the DSL team</h2>
      <p>
        {unreviewed.total === 0
          ? "Every incident has been reviewed."
          : `${unreviewed.total} ${unreviewed.total === 1 ? "incident is" : "incidents are"} not reviewed yet; ${unreviewed.overdue} ${unreviewed.overdue === 1 ? "is" : "are"} overdue (older than ${reviewWithinHours} hours).`}
      </p>
      {unreviewed.items.length > 0 && (
        <ol className="plain-list overdue__list">
          {unreviewed.items.slice(0, 20).map((item) => (
            <li key={item.id}>
              {item.overdue && <span className="tag tag--warning">Overdue</span>}{" "}
              <Link to={`/incidents/${item.id}`}>Incident {item.number}</Link>{" "}
              <span className="secondary-text">
                by {item.author}, waiting {age(item.ageHours)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {unreviewed.items.length > 20 && (
        <p className="secondary-text">And {unreviewed.items.length - 20} more, newer ones.</p>
      )}
      {unreadAlertsOverdue.total > 0 && (
        <>
          <h3>Alerts unread for too long ({unreadAlertsOverdue.total})</h3>
          <ul className="plain-list">
            {unreadAlertsOverdue.items.slice(0, 20).map((item) => (
              <li key={item.alertId}>
                <span className="tag tag--warning">Overdue</span> {item.recipient}:{" "}
                <Link
                  to={item.actionId ? `/actions/${item.actionId}` : `/incidents/${item.incidentId}`}
                >
                  {item.actionId ? "an action on incident" : "incident"} {item.incidentNumber}
                </Link>
                , sent {formatDateTime(item.sentAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
