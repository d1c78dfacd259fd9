// The actions on an incident the reader may see: each one's kind, pupil, when, by whom,
// outcome, whether it is for the DSL team only, and whether it was corrected — then the
// form to add one.

import { useState } from "react";
import { Link, useLocation } from "react-router";
import type { Incident } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { filedName } from "../../lib/filedName";
import { AddActionForm } from "./AddActionForm";
import { ACTION_KIND_LABELS } from "./actionKinds";
import "./Actions.css";

export function ActionsSection({ incident, reload }: { incident: Incident; reload: () => void }) {
  // Coming back to an unfinished action (from the home page) opens the form with it.
  const location = useLocation();
  const resume = Boolean((location.state as { addAction?: boolean } | null)?.addAction);
  const [adding, setAdding] = useState(resume);
  const [notice, setNotice] = useState("");
  const { actions } = incident;
  return (
    <section className="actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {notice && <output className="notice notice--success">{notice}</output>}
      {actions.length === 0 ? (
        <p>No actions have been recorded that you can see.</p>
      ) : (
        <ol className="action-list">
          {actions.map((action) => (
            <li key={action.id} className="action-list__item">
              <h3 className="action-list__title">
                {ACTION_KIND_LABELS[action.kind]}: {action.pupil.name}
              </h3>
              <p className="action-list__meta">
                {action.restricted && <span className="tag">DSL team only</span>}{" "}
                {action.edited && <span className="tag tag--grey">Edited</span>}{" "}
                <span className="secondary-text">
                  <time dateTime={isoDateTime(action.occurredAt)}>
                    {formatDateTime(action.occurredAt)}
                  </time>
                  , by {action.author.name}
                </span>
              </p>
              {action.agency && (
                <p>Shared with: {filedName(action.agency.name, action.agency.filedAs)}</p>
              )}
              <p className="account-text">{action.account}</p>
              {action.outcome && (
                <p>
                  <strong>Outcome:</strong> {action.outcome}
                </p>
              )}
              <p className="action-list__links">
                <Link to={`/actions/${action.id}`}>
                  Open<span className="visually-hidden"> this action</span>
                </Link>
                {action.edited && (
                  <Link to={`/actions/${action.id}/history`}>
                    History<span className="visually-hidden"> of this action</span>
                  </Link>
                )}
                {action.canEdit && (
                  <Link to={`/actions/${action.id}/edit`}>
                    Edit<span className="visually-hidden"> this action</span>
                  </Link>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {incident.abilities.addAction &&
        (adding ? (
          <AddActionForm
            incident={incident}
            onCancel={() => setAdding(false)}
            onAdded={(count) => {
              setAdding(false);
              setNotice(count === 1 ? "The action has been added." : `${count} actions added.`);
              reload();
            }}
          />
        ) : (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            Add an action
          </Button>
        ))}
    </section>
  );
}
