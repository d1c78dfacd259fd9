// Your account: who Tessera knows you as, and where to change how you sign in.
import { Link, useLocation } from "react-router";
import { hasAuthenticator } from "../../api/session";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";
import { may } from "../../lib/permissions";
import { roleLabel } from "../../lib/roles";
import { useCurrentSession } from "../../session/SessionContext";
import "./account.css";

/** Router state another account page leaves behind: a message to show here. */
export interface AccountFlash {
  flash?: string;
}

export const ACCOUNT_PATHS = {
  account: "/account",
  password: "/account/password",
  authenticator: "/account/authenticator",
  sessions: "/account/sessions",
  securityKeys: "/account/security-keys",
  devices: "/account/devices",
} as const;

// Who keeps the school's settings (server: the "roster.manage" permission).

const SECOND_FACTOR_WORDS = {
  none: "Not set up",
  notSetUpButNeeded: "Not set up yet. Your role needs one.",
  required: "Set up. You have not entered a code from it since you signed in.",
  satisfied: "Set up",
} as const;

export function AccountPage() {
  const session = useCurrentSession();
  const location = useLocation();
  usePageTitle("Your account");
  if (!session) return null;
  const flash = (location.state as AccountFlash | null)?.flash;
  const { user } = session;
  const roles = [...user.roles, ...user.trustRoles].map(roleLabel);
  const school = session.schools.find((s) => s.id === session.currentSchoolId);
  const hasApp = hasAuthenticator(session);
  const appWords = hasApp
    ? SECOND_FACTOR_WORDS[session.secondFactor === "satisfied" ? "satisfied" : "required"]
    : SECOND_FACTOR_WORDS[session.secondFactor === "required" ? "notSetUpButNeeded" : "none"];

  return (
    <div className="reading-width">
      <PageHeading>Your account</PageHeading>
      {flash && <output className="notice notice--success">{flash}</output>}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Name</dt>
          <dd className="summary-list__value">{user.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Email address</dt>
          <dd className="summary-list__value">{user.email}</dd>
        </div>
        {school && (
          <div className="summary-list__row">
            <dt className="summary-list__key">School</dt>
            <dd className="summary-list__value">{school.name}</dd>
          </div>
        )}
        <div className="summary-list__row">
          <dt className="summary-list__key">{roles.length === 1 ? "Role" : "Roles"}</dt>
          <dd className="summary-list__value">
            {roles.length === 0 && "No role in this school yet"}
            {roles.length === 1 && roles[0]}
            {roles.length > 1 && (
              <ul className="summary-list__list">
                {roles.map((role) => (
                  <li key={role}>{role}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Authenticator app</dt>
          <dd className="summary-list__value">
            {appWords}
            {hasApp && session.secondFactor === "required" && (
              <>
                {" "}
                <Link to="/sign-in/code" state={{ from: location }}>
                  Enter a code now
                </Link>
              </>
            )}
          </dd>
        </div>
      </dl>
      <p className="secondary-text">
        If your name, email address or role is wrong, ask the person who looks after Tessera at your
        school.
      </p>

      <h2>Signing in</h2>
      <ul className="link-list">
        <li>
          <Link to={ACCOUNT_PATHS.password}>Change your password</Link>
        </li>
        <li>
          <Link to={ACCOUNT_PATHS.authenticator}>
            {hasApp ? "Set up a new authenticator app" : "Set up an authenticator app"}
          </Link>
        </li>
        <li>
          <Link to={ACCOUNT_PATHS.securityKeys}>Security keys and passkeys</Link>
        </li>
        <li>
          <Link to={ACCOUNT_PATHS.sessions}>See where you are signed in</Link>
        </li>
        <li>
          <Link to={ACCOUNT_PATHS.devices}>Browsers you have signed in from</Link>
        </li>
      </ul>
      {may(user, "roster.manage") && (
        <>
          <h2>Your school</h2>
          <ul className="link-list">
            <li>
              <Link to="/settings/school">School settings</Link>
            </li>
            <li>
              <Link to="/settings/review">Review deadline and school holidays</Link>
            </li>
            <li>
              <Link to="/settings/email">Email delivery</Link>
            </li>
            <li>
              <Link to="/settings/sso">Sign in with your school's accounts</Link>
            </li>
            {may(user, "taxonomy.manage") && (
              <li>
                <Link to="/taxonomy">Categories and agencies</Link>
              </li>
            )}
            {may(user, "alerts.configure") && (
              <li>
                <Link to="/groups">Groups and alert rules</Link>
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}
