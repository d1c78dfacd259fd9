// Visitor concerns (DSL team): what visitors sent through their links, unmatched first.
// The DSL finds the pupil the visitor meant and a category; matching makes an incident on
// that pupil, recorded by the DSL with the visitor's words and who they are.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type Category, incidentsApi, type PupilSummary } from "../../api/incidents";
import { type VisitorConcern, visitorsApi } from "../../api/visitors";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { Combobox } from "../../components/PupilPicker/Combobox";
import { PupilOption } from "../../components/PupilPicker/PupilOption";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import "./Visitors.css";

type Loaded =
  | { status: "loading" }
  | { status: "loaded"; items: VisitorConcern[] }
  | { status: "failed"; message: string };

function MatchForm({
  concern,
  categories,
  onMatched,
}: {
  concern: VisitorConcern;
  categories: Category[];
  onMatched: (incident: { incidentId: string; number: number }) => void;
}) {
  const [pupil, setPupil] = useState<PupilSummary>();
  const [categoryId, setCategoryId] = useState("");
  const [errors, setErrors] = useState<{ pupil?: string; category?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  const id = concern.id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: typeof errors = {};
    if (!pupil) found.pupil = "Choose the pupil the visitor meant";
    if (!categoryId) found.category = "Choose a category";
    setErrors(found);
    if (!pupil || !categoryId) return;
    setSaving(true);
    try {
      onMatched(await visitorsApi.match(id, { pupilId: pupil.id, categoryIds: [categoryId] }));
    } catch (error) {
      if (isHandledByApp(error)) return;
      setErrors({
        form:
          error instanceof ApiError
            ? (error.problem.detail ?? error.problem.title)
            : "It could not be matched. Check your internet connection, then try again.",
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label={`Match to a pupil: concern from ${concern.visitorName}`}
    >
      {errors.form && (
        <p className="error-message" role="alert">
          {errors.form}
        </p>
      )}
      {pupil ? (
        <div className="form-group">
          <p className="label">Pupil</p>
          <PupilOption pupil={pupil} />{" "}
          <Button variant="link" onClick={() => setPupil(undefined)}>
            Choose another pupil
          </Button>
        </div>
      ) : (
        <Combobox<PupilSummary>
          id={`match-pupil-${id}`}
          label="Pupil"
          hint="Type part of the name the visitor gave, then choose the right child."
          noun="pupils"
          error={errors.pupil}
          search={(text, signal) => incidentsApi.pupils(text, signal).then((a) => a.items)}
          renderOption={(p) => <PupilOption pupil={p} />}
          onChoose={setPupil}
        />
      )}
      <div className={errors.category ? "form-group form-group--error" : "form-group"}>
        <label className="label" htmlFor={`match-category-${id}`}>
          Category
        </label>
        {errors.category && (
          <p className="error-message" id={`match-category-${id}-error`}>
            <span className="visually-hidden">Error:</span> {errors.category}
          </p>
        )}
        <select
          id={`match-category-${id}`}
          className="select"
          value={categoryId}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={errors.category ? `match-category-${id}-error` : undefined}
          onChange={(event) => setCategoryId(event.target.value)}
        >
          <option value="">Choose a category</option>
          {categories.map((category) => (
            <optgroup key={category.id} label={category.name}>
              <option value={category.id}>{category.name}</option>
              {category.subcategories.map((sub) => (
                <option key={sub.id} value={sub.id}>
                  {category.name} – {sub.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <Button type="submit" aria-disabled={saving || undefined}>
        Match and add as an incident
      </Button>
    </form>
  );
}

export function VisitorConcernsPage() {
  usePageTitle("Visitor concerns");
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [categories, setCategories] = useState<Category[]>([]);
  const [matched, setMatched] = useState<{ number: number; incidentId: string }>();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [concerns, cats] = await Promise.all([
        visitorsApi.concerns(signal),
        incidentsApi.categories(signal),
      ]);
      setLoaded({ status: "loaded", items: concerns.items });
      setCategories(cats.items);
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setLoaded({
        status: "failed",
        message:
          error instanceof ApiError && error.kind === "second-factor-required"
            ? "Visitors’ concerns name children: enter your authenticator code first."
            : "The concerns could not be loaded. Check your internet connection, then reload the page.",
      });
    }
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <div>
      <PageHeading>Visitor concerns</PageHeading>
      <p className="reading-width">
        Concerns sent by visitors through <Link to="/visitor-links">visitor links</Link>. The
        child’s name is as the visitor gave it: find the right pupil and match the concern, which
        adds it as an incident on that pupil in your name, with the visitor’s words.
      </p>
      <output className={matched ? "notice notice--success" : undefined}>
        {matched && (
          <>
            Matched.{" "}
            <Link to={`/incidents/${matched.incidentId}`}>Open incident {matched.number}</Link>.
          </>
        )}
      </output>
      {loaded.status === "loading" && <Loading />}
      {loaded.status === "failed" && <p>{loaded.message}</p>}
      {loaded.status === "loaded" && loaded.items.length === 0 && (
        <p>No visitor has sent a concern yet.</p>
      )}
      {loaded.status === "loaded" &&
        loaded.items.map((concern) => (
          <article
            key={concern.id}
            className="visitor-concern"
            aria-labelledby={`concern-${concern.id}`}
          >
            <h2 id={`concern-${concern.id}`}>
              From {concern.visitorName}, about “{concern.childName}”
            </h2>
            <p className="secondary-text">
              Sent{" "}
              <time dateTime={isoDateTime(concern.submittedAt)}>
                {formatDateTime(concern.submittedAt)}
              </time>{" "}
              through the link for {concern.linkName}.{" "}
              {concern.match ? (
                <strong className="tag tag--grey">Matched</strong>
              ) : (
                <strong className="tag tag--warning">Not matched yet</strong>
              )}
            </p>
            <dl className="summary-list">
              {(
                [
                  ["Visitor", `${concern.visitorName}, ${concern.visitorRole}`],
                  ["Contact", concern.visitorContact],
                  ["When", concern.happenedWhen],
                ] as const
              ).map(([key, value]) => (
                <div key={key} className="summary-list__row">
                  <dt className="summary-list__key">{key}</dt>
                  <dd className="summary-list__value">{value}</dd>
                </div>
              ))}
            </dl>
            <p className="visitor-concern__account">{concern.account}</p>
            {concern.match ? (
              <p>
                Matched by {concern.match.matchedBy}:{" "}
                <Link to={`/incidents/${concern.match.incidentId}`}>open the incident</Link>.
              </p>
            ) : (
              <MatchForm
                concern={concern}
                categories={categories}
                onMatched={(incident) => {
                  setMatched(incident);
                  void load();
                }}
              />
            )}
          </article>
        ))}
    </div>
  );
}
