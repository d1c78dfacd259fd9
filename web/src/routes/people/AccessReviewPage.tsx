// The access review (DSL): who can read what and why, when they last signed in, a CSV to
// keep, and a "reviewed on" mark each time the DSL has gone through it.
import { useCallback, useEffect, useState } from "react";
import { isHandledByApp } from "../../api/client";
import { type AccessReview, peopleApi } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { roleLabel } from "../../lib/roles";
import { LoadFailure } from "./NeedsCode";
import { PeopleNav } from "./PeopleNav";
import "./people.css";

const AREAS: Record<string, string> = {
  general: "General",
  medical: "Medical",
  send: "SEND",
  safeguarding: "Safeguarding",
  child_protection: "Child protection",
};

export function AccessReviewPage() {
  usePageTitle("Access review");
  const [review, setReview] = useState<AccessReview>();
  const [loadError, setLoadError] = useState<unknown>();
  const [notice, setNotice] = useState("");
  const [markError, setMarkError] = useState("");

  const load = useCallback(async () => {
    try {
      setReview(await peopleApi.accessReview());
    } catch (error) {
      if (!isHandledByApp(error)) setLoadError(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function markReviewed() {
    setNotice("");
    setMarkError("");
    try {
      const mark = await peopleApi.markReviewed();
      setNotice(`Marked as reviewed on ${formatDateTime(mark.at)}.`);
      await load();
    } catch (error) {
      if (!isHandledByApp(error)) setMarkError(GENERAL_MESSAGES.unreachable);
    }
  }

  if (loadError) {
    return (
      <div className="reading-width">
        <PageHeading>Access review</PageHeading>
        <LoadFailure error={loadError} />
      </div>
    );
  }
  if (!review) return <Loading />;
  const last = review.reviews[0];
  return (
    <div>
      <PageHeading>Access review</PageHeading>
      <PeopleNav />
      <p className="reading-width">
        Everyone who works in this school, what they can read and why: their roles, the classes they
        teach, access you gave, trust rights and alerts still open to them.
      </p>
      <p>
        {last
          ? `Last reviewed on ${formatDateTime(last.at)} by ${last.by}.`
          : "Not reviewed on Tessera yet."}
      </p>
      {notice && <output className="notice notice--success">{notice}</output>}
      {markError && (
        <div className="notice notice--error" role="alert">
          {markError}
        </div>
      )}
      <p>
        <Button onClick={() => void markReviewed()}>Mark reviewed</Button>{" "}
        <a href={peopleApi.accessReviewCsvUrl} download>
          Download as CSV
        </a>
      </p>
      <table className="people-table people-table--stacked">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Can read</th>
            <th scope="col">Open alerts</th>
            <th scope="col">Last signed in</th>
          </tr>
        </thead>
        <tbody>
          {review.items.map((p) => (
            <tr key={p.accountId}>
              <td>
                {p.name}
                <br />
                <span className="secondary-text">{p.email}</span>
              </td>
              <td>
                <span className="people-table__label">Roles: </span>
                {[...p.roles.map(roleLabel), ...p.trustRights].join(", ") || "None"}
              </td>
              <td>
                <span className="people-table__label">Can read: </span>
                {p.grants.length === 0 ? (
                  "Only what they wrote or are alerted to"
                ) : (
                  <ul className="plain-list">
                    {p.grants.map((g) => (
                      <li key={`${g.source}:${g.role ?? ""}:${g.scope}:${g.areas.join()}`}>
                        {g.scope}: {g.areas.map((a) => AREAS[a] ?? a).join(", ")}{" "}
                        <span className="secondary-text">
                          (
                          {g.source === "grant"
                            ? `given by ${g.grantedBy ?? "a DSL"}${g.reason ? `: ${g.reason}` : ""}`
                            : g.source === "class"
                              ? "class teacher"
                              : roleLabel(g.role ?? "")}
                          )
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <span className="people-table__label">Open alerts: </span>
                {p.openAlerts}
              </td>
              <td>
                <span className="people-table__label">Last signed in: </span>
                {p.lastSignInAt ? formatDateTime(p.lastSignInAt) : "Never"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.reviews.length > 1 && (
        <>
          <h2>Earlier reviews</h2>
          <ul>
            {review.reviews.slice(1).map((r) => (
              <li key={r.at}>
                {formatDateTime(r.at)}, {r.by}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
