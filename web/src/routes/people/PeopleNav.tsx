// The links between the people pages, shown only to those who may use each one.
import { NavLink } from "react-router";
import { may } from "../../lib/permissions";
import { useCurrentSession } from "../../session/SessionContext";
import "./people.css";

export function PeopleNav() {
  const session = useCurrentSession();
  return (
    <nav aria-label="People">
      <ul className="people-nav">
        <li>
          <NavLink to="/people" end>
            Staff
          </NavLink>
        </li>
        <li>
          <NavLink to="/imports/pupils">Import pupils</NavLink>
        </li>
        {may(session?.user, "access.grant") && (
          <li>
            <NavLink to="/people/access-review">Access review</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
