// The frame of every page: skip link, header (service, school, the person, "Add incident",
// "Hide screen" at the top right), one main landmark and the footer.
import { type MouseEvent, useEffect, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { incidentsApi } from "../../api/incidents";
import { onAlertsChanged } from "../../lib/alertsChanged";
import { useFocusOnNavigation } from "../../lib/focusOnNavigation";
import { may } from "../../lib/permissions";
import { useSession } from "../../session/SessionContext";
import { Button, buttonClassName } from "../Button/Button";
import { HideScreenButton } from "../HideScreen/HideScreen";
import { SchoolSwitcher } from "../SchoolSwitcher/SchoolSwitcher";
import "./Layout.css";

const MAIN_ID = "main-content";

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
}

export function Layout() {
  const { state, signOut, switchSchool } = useSession();
  const session = state.status === "signed-in" ? state.session : undefined;
  const navigate = useNavigate();
  const [signOutFailed, setSignOutFailed] = useState(false);
  useFocusOnNavigation();
  const unread = useUnreadAlerts(
    Boolean(session && !session.locked && !session.agreementRequired && !session.trainingRequired),
  );

  const schools = session?.schools ?? [];
  const schoolName = schools.find((school) => school.id === session?.currentSchoolId)?.name;

  async function onSignOut() {
    setSignOutFailed(false);
    try {
      await signOut();
      navigate("/sign-in", { replace: true });
    } catch {
      setSignOutFailed(true);
    }
  }

  async function onSwitchSchool(schoolId: string) {
    await switchSchool(schoolId);
    navigate("/");
  }

  return (
    <div className="page">
      <a href={`#${MAIN_ID}`} className="skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="header">
        <div className="width-container">
          <div className="header__top">
            <div className="header__identity">
              <Link to="/" className="header__service">
                Tessera
              </Link>
              {schoolName && schools.length < 2 && (
                <span className="header__school">{schoolName}</span>
              )}
            </div>
            <HideScreenButton />
          </div>
          {session && schools.length > 1 && (
            <div className="header__schools">
              <SchoolSwitcher
                key={session.currentSchoolId}
                schools={schools}
                currentSchoolId={session.currentSchoolId}
                onSwitch={onSwitchSchool}
              />
            </div>
          )}
          {session && (
            <div className="header__account">
              <div className="header__actions">
                <Link to="/incidents/new" className={buttonClassName("primary", "header__add")}>
                  Add incident
                </Link>
                <Link to="/pupils" className="header__find">
                  Find a pupil
                </Link>
                {may(session.user, "roster.manage") && (
                  <Link to="/people" className="header__find">
                    Staff and pupils
                  </Link>
                )}
              </div>
              <div className="header__person">
                {unread !== null && (
                  <Link to="/" className="header__alerts">
                    Alerts <span className="header__badge">{unread}</span>
                    <span className="visually-hidden"> unread</span>
                  </Link>
                )}
                <Link to="/account" className="header__name">
                  {session.user.name}
                  <span className="visually-hidden"> (your account)</span>
                </Link>
                <Button variant="link" className="header__sign-out" onClick={onSignOut}>
                  Sign out
                </Button>
              </div>
            </div>
          )}
        </div>
      </header>
      <div className="width-container page__body">
        {signOutFailed && (
          <div className="notice notice--error" role="alert">
            Signing out did not work. Check your connection, then select “Sign out” again.
          </div>
        )}
        <main id={MAIN_ID} className="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p className="footer__text">
            To hide the screen quickly, select “Hide screen” or press Escape twice.
          </p>
          <p className="footer__text">Tessera: open-source safeguarding and pastoral records.</p>
        </div>
      </footer>
    </div>
  );
}

/** How many unread alerts the person has, asked again on every page change. */
function useUnreadAlerts(enabled: boolean): number | null {
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => onAlertsChanged(() => setChanges((count) => count + 1)), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changes asks again after an alert is marked read.
  useEffect(() => {
    // Asked again after each navigation; not while signing in (the second-factor, agreement and training steps).
    if (!enabled || /^\/(sign-in|agreement|training)/.test(pathname)) {
      setUnread(null);
      return;
    }
    const controller = new AbortController();
    incidentsApi.alerts(controller.signal, false).then(
      (answer) => setUnread(answer.unread),
      () => undefined,
    );
    return () => controller.abort();
  }, [enabled, pathname, changes]);
  return unread;
}
