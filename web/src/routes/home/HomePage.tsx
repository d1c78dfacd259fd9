// Home: for now, who is signed in and what this page will hold.
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession } from "../../session/SessionContext";

export function HomePage() {
  const session = useCurrentSession();
  usePageTitle("Home");
  if (!session) return null;
  const school = session.schools.find((s) => s.id === session.currentSchoolId);

  return (
    <div className="reading-width">
      <PageHeading>Home</PageHeading>
      <p className="lead">
        Signed in as {session.user.name}
        {school ? ` at ${school.name}` : ""}.
      </p>
      <p>This page will soon show what needs you now:</p>
      <ul>
        <li>alerts sent to you, oldest first</li>
        <li>the incidents you have recorded and the actions on them</li>
        <li>for safeguarding leads, incidents waiting for review</li>
      </ul>
      <p>
        If you are worried about a pupil and Tessera cannot take the record yet, tell your
        designated safeguarding lead (DSL) straight away, as your school’s policy says.
      </p>
    </div>
  );
}
