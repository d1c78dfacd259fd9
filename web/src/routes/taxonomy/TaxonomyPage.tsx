// Categories, agencies, flags, thresholds and document types (issue #9): the DSL team
// renames, adds, hides and reorders the school's own lists; an area can change only until
// something is filed under it. Records keep what they were filed under: a renamed category shows its
// old name on old records, and a hidden one is only left out of new ones.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import {
  AREA_LABELS,
  AREAS,
  type Area,
  type Change,
  type ListKind,
  type ManagedAgency,
  type ManagedCategory,
  type ManagedItem,
  type Taxonomy,
  taxonomyApi,
} from "../../api/taxonomy";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession } from "../../session/SessionContext";
import { NameForm } from "./NameForm";
import "./taxonomy.css";

type Kind = "category" | ListKind;
type Open =
  | { kind: "rename"; of: Kind; id: string }
  | { kind: "area"; of: ListKind; id: string }
  | { kind: "addSub"; parentId: string }
  | null;
type Item = ManagedCategory | ManagedAgency | ManagedItem;

const KIND_WORDS: Record<ListKind, string> = {
  agencies: "agency",
  "flag-types": "flag",
  thresholds: "threshold",
  "document-types": "document type",
};

function messageOf(error: unknown): { field?: string; page?: string } {
  if (error instanceof ApiError && error.status < 500) {
    const named = error.problem.errors?.find((e) => e.path === "name");
    if (named) return { field: named.message };
    return { page: error.problem.detail ?? error.problem.title };
  }
  return { page: GENERAL_MESSAGES.unreachable };
}

export function TaxonomyPage() {
  usePageTitle("Categories and agencies");
  const session = useCurrentSession();
  const location = useLocation();
  const [data, setData] = useState<Taxonomy | null>(null);
  const [failed, setFailed] = useState("");
  const [open, setOpen] = useState<Open>(null);
  const [fieldError, setFieldError] = useState("");
  const [pageError, setPageError] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const [focusAfter, setFocusAfter] = useState<string[]>([]);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setData(await taxonomyApi.load(signal));
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setFailed(
        error instanceof ApiError && error.status === 403
          ? "Only the designated safeguarding leads can change the categories and agencies."
          : GENERAL_MESSAGES.unreachable,
      );
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // After a move the list is drawn again: keep the keyboard where it was.
  useEffect(() => {
    for (const id of focusAfter) {
      const button = document.getElementById(id) as HTMLButtonElement | null;
      if (button && !button.disabled) {
        button.focus();
        break;
      }
    }
  }, [focusAfter]);

  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    setPageError("");
    setNotice("");
    try {
      await action();
      await load();
      setFieldError("");
      setOpen(null);
      setNotice(done);
      return true;
    } catch (error) {
      if (isHandledByApp(error)) return false;
      const { field, page } = messageOf(error);
      if (field) setFieldError(field);
      if (page) setPageError(page);
      return false;
    } finally {
      setBusy(false);
    }
  }

  function openForm(next: Open) {
    setOpen(next);
    setFieldError("");
    setPageError("");
  }

  const change = (of: Kind, id: string, body: Change) =>
    of === "category" ? taxonomyApi.changeCategory(id, body) : taxonomyApi.changeItem(of, id, body);

  async function move(of: Kind, item: Item, siblings: readonly Item[], delta: -1 | 1) {
    const position = siblings.findIndex((s) => s.id === item.id) + 1 + delta;
    const ok = await run(
      () => change(of, item.id, { sortOrder: position }),
      `${item.name} moved ${delta < 0 ? "up" : "down"}.`,
    );
    if (ok) {
      const first = delta < 0 ? "up" : "down";
      const other = delta < 0 ? "down" : "up";
      setFocusAfter([`move-${first}-${item.id}`, `move-${other}-${item.id}`]);
    }
  }

  if (failed) {
    return (
      <div className="reading-width">
        <PageHeading>Categories and agencies</PageHeading>
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      </div>
    );
  }
  if (!data || !session) return <Loading />;
  const mayChange = session.secondFactor === "satisfied";

  function controls(of: Kind, item: Item, siblings: readonly Item[], label: string) {
    const index = siblings.findIndex((s) => s.id === item.id);
    return (
      <div className="taxonomy__buttons">
        <Button
          variant="secondary"
          disabled={!mayChange}
          onClick={() => openForm({ kind: "rename", of, id: item.id })}
        >
          Rename<span className="visually-hidden"> {label}</span>
        </Button>
        <Button
          variant="secondary"
          disabled={!mayChange || busy}
          onClick={() =>
            run(
              () => change(of, item.id, { hidden: !item.hidden }),
              item.hidden
                ? `${item.name} is offered again.`
                : `${item.name} is hidden: it is not offered for new records, and records already filed keep it.`,
            )
          }
        >
          {item.hidden ? "Show" : "Hide"}
          <span className="visually-hidden"> {label}</span>
        </Button>
        {of === "category" && "notifiable" in item && (
          <Button
            variant="secondary"
            disabled={!mayChange || busy}
            onClick={() =>
              run(
                () => change(of, item.id, { notifiable: !item.notifiable }),
                item.notifiable
                  ? `${item.name} is no longer notifiable: rules for notifiable incidents leave it out from now on.`
                  : `${item.name} is notifiable: rules for notifiable incidents alert to new incidents in it.`,
              )
            }
          >
            {item.notifiable ? "Not notifiable" : "Mark notifiable"}
            <span className="visually-hidden"> {label}</span>
          </Button>
        )}
        {of !== "category" && "used" in item && !item.used && (
          <Button
            variant="secondary"
            disabled={!mayChange}
            onClick={() => openForm({ kind: "area", of, id: item.id })}
          >
            Change area<span className="visually-hidden"> of {label}</span>
          </Button>
        )}
        <Button
          id={`move-up-${item.id}`}
          variant="secondary"
          disabled={!mayChange || busy || index === 0}
          onClick={() => move(of, item, siblings, -1)}
        >
          Move up<span className="visually-hidden"> {label}</span>
        </Button>
        <Button
          id={`move-down-${item.id}`}
          variant="secondary"
          disabled={!mayChange || busy || index === siblings.length - 1}
          onClick={() => move(of, item, siblings, 1)}
        >
          Move down<span className="visually-hidden"> {label}</span>
        </Button>
      </div>
    );
  }

  function entry(of: Kind, item: Item, siblings: readonly Item[], extra?: string) {
    const renaming = open?.kind === "rename" && open.id === item.id;
    const changingArea = open?.kind === "area" && open.id === item.id && of !== "category";
    const kindWord = of !== "category" ? KIND_WORDS[of] : extra ? "category" : "subcategory";
    return (
      <div className="taxonomy__entry">
        <p className="taxonomy__name">
          <span className={item.hidden ? "taxonomy__hidden-name" : undefined}>{item.name}</span>
          {extra && <span className="taxonomy__tag">{extra}</span>}
          {"dslOnly" in item && item.dslOnly && <span className="taxonomy__tag">DSL only</span>}
          {"notifiable" in item && item.notifiable && (
            <span className="taxonomy__tag">Notifiable</span>
          )}
          {"used" in item && item.used && <span className="taxonomy__tag">In use</span>}
          {item.hidden && <span className="taxonomy__tag">Hidden</span>}
        </p>
        {renaming ? (
          <NameForm
            id={`rename-${item.id}`}
            label={`New name for the ${kindWord} ${item.name}`}
            initial={item.name}
            saveLabel="Save name"
            error={fieldError || undefined}
            busy={busy}
            onCancel={() => openForm(null)}
            onSave={(name) =>
              run(
                () => change(of, item.id, { name: name.trim() }),
                `${item.name} is now called ${name.trim()}.`,
              )
            }
          />
        ) : changingArea && "area" in item ? (
          <AreaForm
            id={`area-${item.id}`}
            label={`Area of the ${kindWord} ${item.name}`}
            initial={item.area}
            busy={busy}
            onCancel={() => openForm(null)}
            onSave={(area) =>
              run(
                () => change(of, item.id, { area }),
                `${item.name} is now in the ${AREA_LABELS[area]} area.`,
              )
            }
          />
        ) : (
          controls(of, item, siblings, item.name)
        )}
      </div>
    );
  }

  function listSection(kind: Exclude<ListKind, "agencies">, title: string, items: ManagedItem[]) {
    return (
      <>
        <h2>{title}</h2>
        <ol className="taxonomy__list" aria-label={title}>
          {items.map((item) => (
            <li key={item.id}>{entry(kind, item, items, AREA_LABELS[item.area])}</li>
          ))}
        </ol>
        {mayChange && <AddListItem kind={kind} busy={busy} run={run} />}
      </>
    );
  }

  return (
    <div className="reading-width taxonomy">
      <PageHeading>Categories and agencies</PageHeading>
      <p>
        Staff choose from these lists when they record an incident, set a flag, record a threshold
        decision or upload a document. Renaming keeps the old name on records filed under it. Hiding
        takes an entry off the lists for new records; records already filed keep it. An area can
        change only until something is filed under it. Nothing here is ever deleted.
      </p>
      {!mayChange && (
        <p className="notice">
          To change these lists, enter a code from your authenticator app first.{" "}
          <Link to="/sign-in/code" state={{ from: location }}>
            Enter a code now
          </Link>
        </p>
      )}
      {notice && <output className="notice notice--success">{notice}</output>}
      {pageError && (
        <p className="notice notice--error" role="alert">
          {pageError}
        </p>
      )}

      <h2>Categories</h2>
      <ol className="taxonomy__list">
        {data.categories.map((category) => (
          <li key={category.id} className="taxonomy__category">
            {entry("category", category, data.categories, AREA_LABELS[category.area])}
            {category.subcategories.length > 0 && (
              <ol
                className="taxonomy__list taxonomy__list--sub"
                aria-label={`${category.name}: subcategories`}
              >
                {category.subcategories.map((sub) => (
                  <li key={sub.id}>{entry("category", sub, category.subcategories)}</li>
                ))}
              </ol>
            )}
            {open?.kind === "addSub" && open.parentId === category.id ? (
              <NameForm
                id={`add-sub-${category.id}`}
                label={`Name of the new subcategory of ${category.name}`}
                saveLabel="Add subcategory"
                dslOnly={category.dslOnly}
                error={fieldError || undefined}
                busy={busy}
                onCancel={() => openForm(null)}
                onSave={(name, dslOnly) =>
                  run(
                    () =>
                      taxonomyApi.addCategory({
                        name: name.trim(),
                        parentId: category.id,
                        dslOnly,
                      }),
                    `${name.trim()} added to ${category.name}.`,
                  )
                }
              />
            ) : (
              <p>
                <Button
                  variant="link"
                  disabled={!mayChange}
                  onClick={() => openForm({ kind: "addSub", parentId: category.id })}
                >
                  Add a subcategory<span className="visually-hidden"> to {category.name}</span>
                </Button>
              </p>
            )}
          </li>
        ))}
      </ol>
      {mayChange && <AddCategory busy={busy} run={run} />}

      <h2>Agencies</h2>
      <ol className="taxonomy__list">
        {data.agencies.map((agency) => (
          <li key={agency.id}>{entry("agencies", agency, data.agencies)}</li>
        ))}
      </ol>
      {mayChange && <AddAgency busy={busy} run={run} />}

      {listSection("flag-types", "Flags", data.flagTypes)}
      {listSection("thresholds", "Thresholds", data.thresholds)}
      {listSection("document-types", "Document types", data.documentTypes)}
    </div>
  );
}

type Run = (action: () => Promise<unknown>, done: string) => Promise<boolean>;

function nameError(error: unknown): string {
  const { field, page } = messageOf(error);
  return field ?? page ?? GENERAL_MESSAGES.unreachable;
}

function AddCategory({ busy, run }: { busy: boolean; run: Run }) {
  const [name, setName] = useState("");
  const [area, setArea] = useState<Area | "">("");
  const [dslOnly, setDslOnly] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; area?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: { name?: string; area?: string } = {};
    if (!name.trim()) found.name = "Enter the category's name.";
    if (!area) found.area = "Choose which area records in this category belong to.";
    setErrors(found);
    if (found.name || found.area) return;
    let failure = "";
    const ok = await run(
      () =>
        taxonomyApi
          .addCategory({ name: name.trim(), area: area || undefined, dslOnly })
          .catch((error) => {
            failure = nameError(error);
            throw error;
          }),
      `${name.trim()} added.`,
    );
    if (ok) {
      setName("");
      setArea("");
      setDslOnly(false);
    } else if (failure) setErrors({ name: failure });
  }

  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <h3>Add a category</h3>
      <TextInput
        id="new-category-name"
        label="Name"
        value={name}
        maxLength={80}
        error={errors.name}
        onChange={(event) => setName(event.target.value)}
      />
      <div className={errors.area ? "form-group form-group--error" : "form-group"}>
        <label className="label" htmlFor="new-category-area">
          Area
        </label>
        <p className="hint" id="new-category-area-hint">
          It decides who may read records in this category, and cannot be changed later.
        </p>
        {errors.area && (
          <p className="error-message" id="new-category-area-error">
            <span className="visually-hidden">Error:</span> {errors.area}
          </p>
        )}
        <select
          id="new-category-area"
          className={errors.area ? "select select--error" : "select"}
          aria-describedby={
            errors.area
              ? "new-category-area-hint new-category-area-error"
              : "new-category-area-hint"
          }
          aria-invalid={errors.area ? true : undefined}
          value={area}
          onChange={(event) => setArea(event.target.value as Area | "")}
        >
          <option value="">Choose an area</option>
          {AREAS.map((a) => (
            <option key={a} value={a}>
              {AREA_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <Checkbox
        id="new-category-dsl-only"
        label="Only the DSL team can choose it"
        checked={dslOnly}
        onChange={(event) => setDslOnly(event.target.checked)}
      />
      <Button type="submit" disabled={busy}>
        Add category
      </Button>
    </form>
  );
}

function AddAgency({ busy, run }: { busy: boolean; run: Run }) {
  const [name, setName] = useState("");
  const [error, setError] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Enter the agency's name.");
    setError("");
    let failure = "";
    const ok = await run(
      () =>
        taxonomyApi.addAgency(name.trim()).catch((e) => {
          failure = nameError(e);
          throw e;
        }),
      `${name.trim()} added.`,
    );
    if (ok) setName("");
    else if (failure) setError(failure);
  }

  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <h3>Add an agency</h3>
      <TextInput
        id="new-agency-name"
        label="Name"
        value={name}
        maxLength={80}
        error={error || undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <Button type="submit" disabled={busy}>
        Add agency
      </Button>
    </form>
  );
}

const ADD_LABELS: Record<Exclude<ListKind, "agencies">, { title: string; button: string }> = {
  "flag-types": { title: "Add a flag", button: "Add flag" },
  thresholds: { title: "Add a threshold", button: "Add threshold" },
  "document-types": { title: "Add a document type", button: "Add document type" },
};

function AreaSelect({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: Area | "";
  error?: string | undefined;
  onChange: (area: Area | "") => void;
}) {
  return (
    <div className={error ? "form-group form-group--error" : "form-group"}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <select
        id={id}
        className={error ? "select select--error" : "select"}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value as Area | "")}
      >
        <option value="">Choose an area</option>
        {AREAS.map((a) => (
          <option key={a} value={a}>
            {AREA_LABELS[a]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AreaForm({
  id,
  label,
  initial,
  busy,
  onSave,
  onCancel,
}: {
  id: string;
  label: string;
  initial: Area;
  busy: boolean;
  onSave: (area: Area) => void;
  onCancel: () => void;
}) {
  const [area, setArea] = useState<Area | "">(initial);
  const [error, setError] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!area) return setError("Choose an area.");
    setError("");
    onSave(area);
  }
  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <AreaSelect
        id={id}
        label={label}
        hint="Nothing is filed under it yet; once something is, its area is fixed."
        value={area}
        error={error || undefined}
        onChange={setArea}
      />
      <div className="taxonomy__buttons">
        <Button type="submit" disabled={busy}>
          Save area
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AddListItem({
  kind,
  busy,
  run,
}: {
  kind: Exclude<ListKind, "agencies">;
  busy: boolean;
  run: Run;
}) {
  const [name, setName] = useState("");
  const [area, setArea] = useState<Area | "">("");
  const [dslOnly, setDslOnly] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; area?: string }>({});
  const words = ADD_LABELS[kind];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: { name?: string; area?: string } = {};
    if (!name.trim()) found.name = "Enter the name.";
    if (!area) found.area = "Choose which area records with it belong to.";
    setErrors(found);
    if (found.name || !area) return;
    let failure = "";
    const ok = await run(
      () =>
        taxonomyApi
          .addItem(kind, {
            name: name.trim(),
            area,
            ...(kind === "flag-types" ? { dslOnly } : {}),
          })
          .catch((error) => {
            failure = nameError(error);
            throw error;
          }),
      `${name.trim()} added.`,
    );
    if (ok) {
      setName("");
      setArea("");
      setDslOnly(false);
    } else if (failure) setErrors({ name: failure });
  }

  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <h3>{words.title}</h3>
      <TextInput
        id={`new-${kind}-name`}
        label="Name"
        value={name}
        maxLength={80}
        error={errors.name}
        onChange={(event) => setName(event.target.value)}
      />
      <AreaSelect
        id={`new-${kind}-area`}
        label="Area"
        hint="It decides who may read what is filed with it; it is fixed once something is."
        value={area}
        error={errors.area}
        onChange={setArea}
      />
      {kind === "flag-types" && (
        <Checkbox
          id="new-flag-types-dsl-only"
          label="Only the DSL team can set or end it"
          checked={dslOnly}
          onChange={(event) => setDslOnly(event.target.checked)}
        />
      )}
      <Button type="submit" disabled={busy}>
        {words.button}
      </Button>
    </form>
  );
}
