// Pages for signed-in people: others go to the sign-in page, which brings them back here.
// Most pages also need the school's agreement accepted (and training, where the school asks
// for it) first: until then they send people to those pages, which bring them back.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";

interface RequireSignInProps {
  children: ReactNode;
  /**
   * "ready" (the default): signed in, agreement accepted, training done. "signed-in": just
   * signed in (the second-factor, agreement and training pages themselves).
   */
  gate?: "ready" | "signed-in";
}

export function RequireSignIn({ children, gate = "ready" }: RequireSignInProps) {
  const { state } = useSession();
  const location = useLocation();

  switch (state.status) {
    case "loading":
      return <Loading />;
    case "signed-out":
      // After choosing to sign out, the next sign-in goes home, not back to this page.
      return state.byChoice ? (
        <Navigate to="/sign-in" replace />
      ) : (
        <Navigate to="/sign-in" replace state={{ from: location }} />
      );
    case "unknown":
      return <SessionUnknown />;
    case "signed-in":
      if (gate === "ready" && state.session.agreementRequired) {
        return <Navigate to="/agreement" replace state={{ from: location }} />;
      }
      if (gate === "ready" && state.session.trainingRequired) {
        return <Navigate to="/training" replace />;
      }
      return children;
  }
}

function SessionUnknown() {
  const { reload } = useSession();
  usePageTitle("Sorry, there is a problem");
  return (
    <div className="reading-width">
      <PageHeading>Sorry, there is a problem</PageHeading>
      <p>Tessera could not check whether you are signed in.</p>
      <p>Check your internet connection, then try again.</p>
      <Button onClick={() => void reload()}>Try again</Button>
    </div>
  );
}
