// The school asks for safeguarding and Tessera training before anyone uses Tessera
// (seed 004 section 20), and none is recorded for this person yet.
import { Navigate } from "react-router";
import { Button } from "../../components/Button/Button";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";

export function TrainingPage() {
  const { state, reload } = useSession();
  usePageTitle("Training first");
  if (state.status === "signed-in" && !state.session.trainingRequired) {
    return <Navigate to="/" replace />;
  }
  const noun = state.status === "signed-in" ? state.session.school.pupilNoun : "pupil";
  return (
    <div className="reading-width">
      <PageHeading>Training first</PageHeading>
      <p className="lead">
        Your school asks everyone to complete safeguarding training, and training in using Tessera,
        before they use it.
      </p>
      <p>
        Speak to your designated safeguarding lead (DSL). Once they have recorded your training, you
        can use Tessera.
      </p>
      <p>
        If you are worried about a {noun} now, do not wait: tell your DSL straight away, as your
        school’s policy says.
      </p>
      <Button variant="secondary" onClick={() => void reload()}>
        Check again
      </Button>
    </div>
  );
}
