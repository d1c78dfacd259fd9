// Pages for signed-in people: others go to the sign-in page, which brings them back here.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();

  switch (state.status) {
    case "loading":
      return <Loading />;
    case "signed-out":
      return <Navigate to="/sign-in" replace state={{ from: location }} />;
    case "unknown":
      return <SessionUnknown />;
    case "signed-in":
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
