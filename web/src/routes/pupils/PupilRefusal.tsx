// What a pupil page says when it cannot show the record: plain words, never whether a
// record exists beyond what the reader could already find in the picker.
import { Link, useLocation } from "react-router";
import { buttonClassName } from "../../components/Button/Button";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import type { Refusal } from "./usePupil";

export function PupilRefusal({ refusal, what }: { refusal: Refusal; what: string }) {
  const location = useLocation();
  const title =
    refusal === "second-factor"
      ? "Enter your code to continue"
      : refusal === "forbidden"
        ? "You cannot open these records"
        : refusal === "not-found"
          ? "Not available"
          : "Sorry, there is a problem";
  usePageTitle(title);
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <div className="reading-width">
      <PageHeading>{title}</PageHeading>
      {refusal === "second-factor" && (
        <>
          <p>
            To open {what}, enter the code from your authenticator app first. This keeps children’s
            records safe if someone else knows your password.
          </p>
          <p>
            <Link to={`/sign-in/code?next=${next}`} state={{ from: location }}>
              Enter the code from your authenticator app
            </Link>
          </p>
        </>
      )}
      {refusal === "forbidden" && (
        <>
          <p>
            You are not allowed to open this pupil’s records. You can still add an incident about
            them.
          </p>
          <p>
            <Link to="/incidents/new" className={buttonClassName("primary")}>
              Add incident about this pupil
            </Link>
          </p>
          <p>
            If you think you should be able to open these records, ask your designated safeguarding
            lead (DSL).
          </p>
        </>
      )}
      {refusal === "not-found" && (
        <p>
          This pupil does not exist or you are not allowed to see them. Check the link, or{" "}
          <Link to="/pupils">find the pupil by name</Link>.
        </p>
      )}
      {refusal === "failed" && <p>{GENERAL_MESSAGES.unreachable}</p>}
    </div>
  );
}
