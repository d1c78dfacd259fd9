// One pupil: who they are and the flags the reader may see, then their chronology (only what
// the reader may read), its export dialog for those who may export, and for the DSL team who has looked at this child.
import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { documentsApi } from "../../api/documents";
import type { PupilProfile } from "../../api/incidents";
import {
  type ChronologyFilters,
  type ChronologyItem,
  ENTRY_LABELS,
  pupilsApi,
} from "../../api/pupils";
import { Button, buttonClassName } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { formatBirthDate } from "../../components/PupilPicker/PupilOption";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime, formatDay, isoDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import { ChronologyReviewMark } from "./ChronologyReviewMark";
import { DocumentsSection } from "./DocumentsSection";
import { ExportDialog } from "./ExportDialog";
import { FlagsSection } from "./FlagsSection";
import { LeavingSection } from "./LeavingSection";
import { PupilRefusal } from "./PupilRefusal";
import { refusalOf, usePupil } from "./usePupil";
import "../../components/PupilPicker/Combobox.css";
import "./Pupils.css";

export function PupilPage() {
  const { id } = useParams();
  const state = usePupil(id);
  if (state.status === "loading") return <Loading />;
  if (state.status !== "loaded") {
    return <PupilRefusal refusal={state.status} what="this pupil’s records" />;
  }
  return <PupilView key={state.pupil.id} pupil={state.pupil} />;
}

function PupilView({ pupil }: { pupil: PupilProfile }) {
  usePageTitle(pupil.name);
  // An upload is a chronology entry: the chronology loads again after one.
  const [uploads, setUploads] = useState(0);
  const [leftOn, setLeftOn] = useState(pupil.leftOn);
  // "Year 3 Oak" already says the year; "Reception" and a class "Robins" need both.
  const placement =
    pupil.year && pupil.class && !pupil.class.includes(pupil.year)
      ? `${pupil.year}, ${pupil.class}`
      : (pupil.class ?? pupil.year ?? "");
  return (
    <div className="pupil">
      <div className="pupil__identity">
        <span className="avatar avatar--large" aria-hidden="true">
          {pupil.initials}
        </span>
        <div>
          <PageHeading>{pupil.name}</PageHeading>
          <dl className="pupil__facts">
            {pupil.legalName && pupil.legalName !== pupil.name && (
              <div>
                <dt>Legal name</dt>
                <dd>{pupil.legalName}</dd>
              </div>
            )}
            <div>
              <dt>Class</dt>
              <dd>{placement || "Not in a class"}</dd>
            </div>
            <div>
              <dt>Date of birth</dt>
              <dd>{formatBirthDate(pupil.dateOfBirth)}</dd>
            </div>
            {leftOn ? (
              <div>
                <dt>Left on</dt>
                <dd>{formatDay(leftOn)}</dd>
              </div>
            ) : (
              !pupil.onRoll &&
              pupil.leftOn === leftOn && (
                <div>
                  <dt>On roll</dt>
                  <dd>No longer on roll</dd>
                </div>
              )
            )}
          </dl>
        </div>
      </div>

      <p>
        <Link to="/incidents/new" className={buttonClassName("primary")}>
          Add incident about this pupil
        </Link>
      </p>

      <FlagsSection pupilId={pupil.id} />

      {pupil.siblings.length > 0 && (
        <section aria-labelledby="siblings-heading">
          <h2 id="siblings-heading">Brothers and sisters at this school</h2>
          <ul>
            {pupil.siblings.map((sibling) => (
              <li key={sibling.id}>
                <Link to={`/pupils/${sibling.id}`}>{sibling.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {pupil.contacts && (
        <section aria-labelledby="contacts-heading">
          <h2 id="contacts-heading">Contacts</h2>
          {pupil.contacts.length === 0 ? (
            <p className="secondary-text">No contacts are recorded.</p>
          ) : (
            <table className="table table--stacked pupil__contacts">
              <caption className="visually-hidden">Contacts, in the order to call them</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Parental responsibility</th>
                  <th scope="col">Phone and email</th>
                </tr>
              </thead>
              <tbody>
                {[...pupil.contacts]
                  .sort((a, b) => a.priority - b.priority)
                  .map((contact) => (
                    <tr key={`${contact.priority}-${contact.name}`}>
                      <td>
                        <span className="table__label">Name: </span>
                        {contact.name}
                        <br />
                        <span className="secondary-text">{contact.relationship}</span>
                      </td>
                      <td>
                        <span className="table__label">Parental responsibility: </span>
                        {contact.parentalResponsibility ? "Yes" : "No"}
                      </td>
                      <td>
                        {contact.phone && <a href={`tel:${contact.phone}`}>{contact.phone}</a>}
                        {contact.phone && contact.email && <br />}
                        {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                        {!contact.phone && !contact.email && "None recorded"}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {pupil.abilities.markLeft && (
        <LeavingSection pupilId={pupil.id} name={pupil.name} leftOn={leftOn} onChange={setLeftOn} />
      )}

      <DocumentsSection pupilId={pupil.id} onUploaded={() => setUploads((n) => n + 1)} />

      {pupil.abilities.markChronologyReviewed && <ChronologyReviewMark pupilId={pupil.id} />}
      <Chronology
        pupilId={pupil.id}
        version={uploads}
        canExport={pupil.abilities.exportChronology}
      />

      {pupil.abilities.viewAccessLog && (
        <p>
          <Link to={`/pupils/${pupil.id}/access-log`}>Who has looked at this pupil?</Link>
        </p>
      )}
    </div>
  );
}

type ChronologyState =
  | { status: "loading" }
  | { status: "loaded"; items: ChronologyItem[] }
  | { status: "failed"; message: string };

function Chronology({
  pupilId,
  version,
  canExport,
}: {
  pupilId: string;
  version: number;
  canExport: boolean;
}) {
  const { unlockCount } = useSession();
  const [filters, setFilters] = useState<ChronologyFilters>({});
  const [draft, setDraft] = useState<ChronologyFilters>({});
  const [state, setState] = useState<ChronologyState>({ status: "loading" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount and version load again on purpose.
  useEffect(() => {
    setState({ status: "loading" });
    const controller = new AbortController();
    pupilsApi.chronology(pupilId, filters, controller.signal).then(
      (answer) => setState({ status: "loaded", items: answer.items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const refusal = refusalOf(error);
        if (!refusal) return;
        setState({
          status: "failed",
          message:
            refusal === "failed"
              ? `The chronology could not be loaded. ${GENERAL_MESSAGES.unreachable}`
              : "You are not allowed to see this pupil’s chronology.",
        });
      },
    );
    return () => controller.abort();
  }, [pupilId, filters, unlockCount, version]);

  function onFilter(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...draft, q: draft.q?.trim() || undefined });
  }

  const filtered = Boolean(filters.type || filters.area || filters.q || filters.from || filters.to);

  return (
    <section aria-labelledby="chronology-heading" className="chronology">
      <h2 id="chronology-heading">Chronology</h2>
      <form className="chronology__filters" onSubmit={onFilter} aria-label="Filter the chronology">
        <div className="form-group">
          <label className="label" htmlFor="chronology-type">
            Type
          </label>
          <select
            id="chronology-type"
            className="select"
            value={draft.type ?? ""}
            onChange={(event) =>
              setDraft({
                ...draft,
                type: (event.target.value || undefined) as ChronologyFilters["type"],
              })
            }
          >
            <option value="">Everything</option>
            <option value="incident">Incidents only</option>
            <option value="action">Actions only</option>
            <option value="category_change">Category changes only</option>
            <option value="threshold">Threshold decisions only</option>
            <option value="flag">Flags only</option>
            <option value="document">Documents only</option>
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="chronology-area">
            Area
          </label>
          <select
            id="chronology-area"
            className="select"
            value={draft.area ?? ""}
            onChange={(event) =>
              setDraft({
                ...draft,
                area: (event.target.value || undefined) as ChronologyFilters["area"],
              })
            }
          >
            <option value="">Every area you can see</option>
            <option value="general">General</option>
            <option value="medical">Medical</option>
            <option value="send">SEND</option>
            <option value="safeguarding">Safeguarding</option>
            <option value="child_protection">Child protection</option>
          </select>
        </div>
        <TextInput
          id="chronology-q"
          label="Words to search for"
          value={draft.q ?? ""}
          onChange={(event) => setDraft({ ...draft, q: event.target.value })}
        />
        <div className="date-time">
          <TextInput
            id="chronology-from"
            label="From"
            type="date"
            className="input--date"
            width="short"
            value={draft.from ?? ""}
            onChange={(event) => setDraft({ ...draft, from: event.target.value || undefined })}
          />
          <TextInput
            id="chronology-to"
            label="To"
            type="date"
            className="input--date"
            width="short"
            value={draft.to ?? ""}
            onChange={(event) => setDraft({ ...draft, to: event.target.value || undefined })}
          />
        </div>
        <div className="button-group">
          <Button variant="secondary" type="submit">
            Show matching entries
          </Button>
          {filtered && (
            <Button
              variant="link"
              type="button"
              onClick={() => {
                setDraft({});
                setFilters({});
              }}
            >
              Clear filters
            </Button>
          )}
        </div>
      </form>

      {state.status === "loading" && <Loading label="Loading the chronology" />}
      {state.status === "failed" && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === "loaded" && (
        <>
          <p className="secondary-text" aria-live="polite">
            {state.items.length === 0
              ? filtered
                ? "Nothing matches these filters. Try fewer words or a wider range of dates."
                : "There is nothing in this pupil’s chronology that you can see. If you are worried about them, add an incident."
              : `${state.items.length} ${state.items.length === 1 ? "entry" : "entries"}.`}
          </p>
          {state.items.length > 0 && (
            <ol className="plain-list chronology__list">
              {state.items.map((item) => (
                <ChronologyEntry key={`${item.type}-${item.id}-${item.occurredAt}`} item={item} />
              ))}
            </ol>
          )}
        </>
      )}
      {canExport && <ExportDialog pupilId={pupilId} filters={filters} />}
    </section>
  );
}

function ChronologyEntry({ item }: { item: ChronologyItem }) {
  return (
    <li className="chronology__item">
      <p className="chronology__head">
        <time dateTime={isoDateTime(item.occurredAt)}>{formatDateTime(item.occurredAt)}</time>
        <span className="chronology__type">{ENTRY_LABELS[item.type]}</span>
        {/* An action opens on its own: its reader may not be allowed the whole incident. */}
        {item.type === "document" ? (
          <a href={documentsApi.downloadUrl(item.id)} download>
            Download the document
          </a>
        ) : item.type === "action" ? (
          <Link to={`/actions/${item.id}`}>On incident {item.number}</Link>
        ) : (
          item.incidentId && (
            <Link to={`/incidents/${item.incidentId}`}>
              {item.type === "incident" ? `Incident ${item.number}` : `On incident ${item.number}`}
            </Link>
          )
        )}
      </p>
      {item.categories.length > 0 && (
        <ul className="plain-list chronology__tags" aria-label="Categories">
          {item.categories.map((category) => (
            <li key={category} className="tag">
              {category}
            </li>
          ))}
        </ul>
      )}
      {item.summary && <p className="chronology__summary">{item.summary}</p>}
      <p className="chronology__by secondary-text">
        {item.author ? `By ${item.author.name}` : "Author not known"}
        {item.late && (
          <>
            {" "}
            <span className="tag tag--warning">Recorded late</span>
          </>
        )}
        {item.edited && (
          <>
            {" "}
            <span className="tag tag--grey">Edited</span>
          </>
        )}
        {item.restricted && (
          <>
            {" "}
            <span className="tag tag--grey">Restricted</span>
          </>
        )}
      </p>
    </li>
  );
}
