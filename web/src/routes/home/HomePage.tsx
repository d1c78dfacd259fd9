// Home: what needs the person now. Their alerts (unread first, oldest unread first), then the
// incidents they recorded most recently.
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { isHandledByApp } from "../../api/client";
import { type AlertItem, type IncidentListItem, incidentsApi } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession, useSession } from "../../session/SessionContext";
import "./HomePage.css";

interface HomeData {
  unread: number;
  alerts: AlertItem[];
  mine: IncidentListItem[];
}

export function HomePage() {
  const session = useCurrentSession();
  const { unlockCount } = useSession();
  const navigate = useNavigate();
  const [data, setData] = useState<HomeData | null>(null);
  const [failed, setFailed] = useState(false);
  usePageTitle("Home");

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after unlocking.
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      incidentsApi.alerts(controller.signal),
      incidentsApi.list({ mine: true, limit: 5 }, controller.signal),
    ]).then(
      ([alerts, mine]) =>
        setData({ unread: alerts.unread, alerts: alerts.items, mine: mine.items }),
      (error: unknown) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(true);
      },
    );
    return () => controller.abort();
  }, [unlockCount]);

  if (!session) return null;
  const school = session.schools.find((s) => s.id === session.currentSchoolId);

  async function open(alert: AlertItem) {
    if (!alert.readAt) await incidentsApi.markRead(alert.id).catch(() => undefined);
    navigate(`/incidents/${alert.incident.id}`, { state: { fromAlerts: true } });
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
          <h2>Your alerts</h2>
          <p className="home__unread">
            {data.unread === 0
              ? "You have no unread alerts."
              : `You have ${data.unread} unread ${data.unread === 1 ? "alert" : "alerts"}.`}
          </p>
          {data.alerts.length === 0 ? (
            <p>
              When someone records an incident and alerts you, it shows here. There is nothing for
              you to do now.
            </p>
          ) : (
            <ul className="alert-list">
              {data.alerts.map((alert) => (
                <li
                  key={alert.id}
                  className={
                    alert.readAt ? "alert-list__item" : "alert-list__item alert-list__item--unread"
                  }
                >
                  <h3 className="alert-list__title">
                    {alert.pupil.name}: incident {alert.incident.number}
                  </h3>
                  <p className="alert-list__meta">
                    {alert.readAt ? (
                      <span className="tag tag--grey">Read</span>
                    ) : (
                      <span className="tag">Not read</span>
                    )}{" "}
                    {alert.categories.map((category) => category.name).join(", ")}
                  </p>
                  <p className="alert-list__meta secondary-text">
                    Raised by {alert.raisedBy?.name ?? "someone without an account"},{" "}
                    <time dateTime={isoDateTime(alert.sentAt)}>{formatDateTime(alert.sentAt)}</time>
                  </p>
                  <Button
                    variant="secondary"
                    className="alert-list__open"
                    onClick={() => void open(alert)}
                  >
                    Open<span className="visually-hidden"> incident {alert.incident.number}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <h2>Your recent incidents</h2>
          {data.mine.length === 0 ? (
            <p>
              You have not recorded any incidents yet.{" "}
              <Link to="/incidents/new">Add an incident</Link> when something worries you.
            </p>
          ) : (
            <ul className="plain-list">
              {data.mine.map((incident) => (
                <li key={incident.id}>
                  <Link to={`/incidents/${incident.id}`}>
                    Incident {incident.number}: {incident.pupil.name}
                  </Link>{" "}
                  <span className="secondary-text">
                    {formatDateTime(incident.occurredAt)},{" "}
                    {incident.categories.map((category) => category.name).join(", ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {session.user.roles.some((role) => role === "dsl" || role === "deputy_dsl") && (
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
