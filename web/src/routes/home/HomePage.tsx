// Home: what needs the person now. Their alerts (unread first, oldest unread first), what
// they left unfinished (drafts), their incidents no DSL has reviewed yet, and for the DSL
// team what is overdue.
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { isHandledByApp } from "../../api/client";
import {
  type AlertItem,
  type Dashboard,
  type Draft,
  type IncidentListItem,
  incidentsApi,
} from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { announceAlertsChanged } from "../../lib/alertsChanged";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { may } from "../../lib/permissions";
import { useCurrentSession, useSession } from "../../session/SessionContext";
import { alertTarget } from "../alerts/alertTarget";
import { OverdueList } from "./OverdueList";
import "./HomePage.css";

interface HomeData {
  unread: number;
  alerts: AlertItem[];
  awaitingReview: IncidentListItem[];
  drafts: Draft<Record<string, unknown>>[];
  dashboard: Dashboard | null;
}

export function HomePage() {
  const session = useCurrentSession();
  const { unlockCount } = useSession();
  const navigate = useNavigate();
  const [data, setData] = useState<HomeData | null>(null);
  const [failed, setFailed] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [markFailed, setMarkFailed] = useState(false);
  usePageTitle("Home");
  // Only the DSL team is asked for the dashboard; the server decides all the same.
  const dslTeam = may(session?.user, "dashboard.view");

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after unlocking and after marking an alert read.
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([
      incidentsApi.alerts(signal),
      incidentsApi.list({ mine: true, reviewed: false, limit: 10 }, signal),
      incidentsApi.allDrafts(signal).catch(() => ({ items: [] })),
      dslTeam ? incidentsApi.dashboard(signal).catch(() => null) : Promise.resolve(null),
    ]).then(
      ([alerts, waiting, drafts, dashboard]) =>
        setData({
          unread: alerts.unread,
          alerts: alerts.items,
          awaitingReview: waiting.items,
          drafts: drafts.items,
          dashboard,
        }),
      (error: unknown) => {
        if (signal.aborted || isHandledByApp(error)) return;
        setFailed(true);
      },
    );
    return () => controller.abort();
  }, [unlockCount, reloads, dslTeam]);

  if (!session) return null;
  const school = session.schools.find((s) => s.id === session.currentSchoolId);

  async function markRead(alert: AlertItem) {
    setMarkFailed(false);
    try {
      await incidentsApi.markRead(alert.id);
      announceAlertsChanged();
      setReloads((count) => count + 1);
    } catch (error) {
      if (!isHandledByApp(error)) setMarkFailed(true);
    }
  }

  return (
    <div className="home">
      <PageHeading>Home</PageHeading>
      <p className="lead">
        Signed in as {session.user.name}
        {school ? ` at ${school.name}` : ""}.
      </p>
      {failed && (
        <p className="notice notice--error" role="alert">
          Your alerts could not be loaded. {GENERAL_MESSAGES.unreachable}
        </p>
      )}
      {!data && !failed && <Loading label="Loading your alerts" />}
      {data && (
        <>
          {data.dashboard && <OverdueList dashboard={data.dashboard} />}
          <h2>Your alerts</h2>
          <p className="home__unread">
            {data.unread === 0
              ? "You have no unread alerts."
              : `You have ${data.unread} unread ${data.unread === 1 ? "alert" : "alerts"}.`}
          </p>
          {markFailed && (
            <p className="notice notice--error" role="alert">
              The alert could not be marked as read. {GENERAL_MESSAGES.unreachable}
            </p>
          )}
          {data.alerts.length === 0 ? (
            <p>
              When someone records an incident and alerts you, it shows here. There is nothing for
              you to do now.
            </p>
          ) : (
            <ul className="alert-list">
              {data.alerts.map((alert) => {
                const what = alert.action
                  ? `an action on incident ${alert.incident.number}`
                  : `incident ${alert.incident.number}`;
                return (
                  <li
                    key={alert.id}
                    className={
                      alert.readAt
                        ? "alert-list__item"
                        : "alert-list__item alert-list__item--unread"
                    }
                  >
                    <h3 className="alert-list__title">
                      {alert.pupil.name}: {what}
                    </h3>
                    <p className="alert-list__meta">
                      {alert.readAt ? (
                        <span className="tag tag--grey">Read</span>
                      ) : (
                        <span className="tag">Not read</span>
                      )}{" "}
                      {alert.categories.join(", ")}
                    </p>
                    <p className="alert-list__meta secondary-text">
                      Raised by {alert.raisedBy},{" "}
                      <time dateTime={isoDateTime(alert.sentAt)}>
                        {formatDateTime(alert.sentAt)}
                      </time>
                      {alert.readAt && `. You read it ${formatDateTime(alert.readAt)}`}
                    </p>
                    <div className="button-group alert-list__buttons">
                      <Button
                        variant="secondary"
                        onClick={() =>
                          navigate(alertTarget(alert), { state: { fromAlerts: true } })
                        }
                      >
                        Open<span className="visually-hidden"> {what}</span>
                      </Button>
                      {!alert.readAt && (
                        <Button variant="link" onClick={() => void markRead(alert)}>
                          Mark as read<span className="visually-hidden">: {what}</span>
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}

          {data.drafts.length > 0 && (
            <>
              <h2>Your drafts</h2>
              <ul className="plain-list">
                {data.drafts.map((draft) => (
                  <li key={draft.id}>
                    <DraftLink draft={draft} />{" "}
                    <span className="secondary-text">saved {formatDateTime(draft.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}

          <h2>Your incidents awaiting review</h2>
          {data.awaitingReview.length === 0 ? (
            <p>
              None of your incidents is waiting for a designated safeguarding lead to review it.{" "}
              <Link to="/incidents/new">Add an incident</Link> when something worries you.
            </p>
          ) : (
            <>
              <p>A designated safeguarding lead has not reviewed these yet.</p>
              <ul className="plain-list">
                {data.awaitingReview.map((incident) => (
                  <li key={incident.id}>
                    <Link to={`/incidents/${incident.id}`}>
                      Incident {incident.number}: {incident.pupil.name}
                    </Link>{" "}
                    <span className="secondary-text">
                      recorded {formatDateTime(incident.recordedAt)}
                      {incident.categories.length > 0 && `, ${incident.categories.join(", ")}`}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {may(session.user, "visitor.manage") && (
            <>
              <h2>Safeguarding team</h2>
              <ul className="plain-list">
                <li>
                  <Link to="/visitor-concerns">Visitor concerns</Link>
                </li>
                <li>
                  <Link to="/visitor-links">Visitor links</Link>
                </li>
              </ul>
            </>
          )}
          <p>
            If you are worried about a pupil right now, tell your designated safeguarding lead (DSL)
            in person straight away, as your school’s policy says.
          </p>
        </>
      )}
    </div>
  );
}

function DraftLink({ draft }: { draft: Draft<Record<string, unknown>> }) {
  const content = draft.content;
  if (draft.kind === "action" && typeof content.incidentId === "string") {
    return (
      <Link to={`/incidents/${content.incidentId}`} state={{ addAction: true }}>
        An unfinished action on an incident
      </Link>
    );
  }
  const pupil = content.pupil as { name?: string } | null | undefined;
  return (
    <Link to="/incidents/new">
      An unfinished incident{pupil?.name ? ` about ${pupil.name}` : ""}
    </Link>
  );
}
