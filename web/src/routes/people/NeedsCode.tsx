// What a people page says when the server wants the authenticator code first, or refuses.
import { Link, useLocation } from "react-router";
import { ApiError } from "../../api/client";
import { GENERAL_MESSAGES } from "../../lib/formErrors";

export function LoadFailure({ error }: { error: unknown }) {
  const location = useLocation();
  if (error instanceof ApiError && error.kind === "second-factor-required") {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <>
        <p>Managing staff and pupils needs the code from your authenticator app first.</p>
        <p>
          <Link to={`/sign-in/code?next=${next}`} state={{ from: location }}>
            Enter the code from your authenticator app
          </Link>
        </p>
      </>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <p>{error.problem.detail ?? "You are not allowed to see this page."}</p>;
  }
  return <p>{GENERAL_MESSAGES.unreachable}</p>;
}
