// Taking the chronology out of Tessera: what for, PDF or CSV, and — for anything but
// internal use — other children's names replaced. The DSL previews the replacements (who
// each label stands for stays on this screen, never in the file), undoes or adds one, then
// downloads. The server refuses anyone without the export permission and a second factor.
import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import {
  type ChronologyFilters,
  ENTRY_LABELS,
  type ExportPurpose,
  type ProposedReplacement,
  PURPOSE_LABELS,
  pupilsApi,
} from "../../api/pupils";
import { Button, buttonClassName } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { Loading } from "../../components/Loading/Loading";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime } from "../../lib/dates";
import "./ExportDialog.css";

const PURPOSES = Object.keys(PURPOSE_LABELS) as ExportPurpose[];

const REVIEW_NOTES: Record<NonNullable<ProposedReplacement["review"]>, string> = {
  "ordinary-word": "Also an ordinary word: replace it only where it is the child",
  initials: "Initials: check they mean this child",
  "surname-only": "A surname several pupils share: check it is a child",
};

interface Row extends ProposedReplacement {
  key: string;
}

type Preview =
  | { status: "none" }
  | { status: "loading" }
  | { status: "loaded"; rows: Row[] }
  | { status: "failed"; message: string };

interface Errors {
  purpose?: string;
  purposeDetail?: string;
  addText?: string;
  addLabel?: string;
}

export function ExportDialog({
  pupilId,
  filters,
}: {
  pupilId: string;
  filters: ChronologyFilters;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const [format, setFormat] = useState<"pdf" | "csv">("pdf");
  const [purpose, setPurpose] = useState<ExportPurpose | null>(null);
  const [purposeDetail, setPurposeDetail] = useState("");
  const [redact, setRedact] = useState(true);
  const [preview, setPreview] = useState<Preview>({ status: "none" });
  const [addText, setAddText] = useState("");
  const [addLabel, setAddLabel] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [downloaded, setDownloaded] = useState(false);

  // A new filter is a new export: the old preview no longer matches it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filters reset the preview on purpose.
  useEffect(() => setPreview({ status: "none" }), [filters]);

  useEffect(() => {
    if (preview.status === "loaded") previewHeading.current?.focus();
  }, [preview.status]);

  function open() {
    setDownloaded(false);
    dialog.current?.showModal();
  }

  function close() {
    dialog.current?.close();
  }

  function choosePurpose(next: ExportPurpose) {
    setPurpose(next);
    // Redaction follows the purpose: on for everything but internal use.
    setRedact(next !== "internal");
    setErrors((e) => ({ ...e, purpose: undefined }));
  }

  async function onPreview() {
    setPreview({ status: "loading" });
    try {
      const answer = await pupilsApi.redactionPreview(pupilId, filters, purpose ?? "internal");
      setPreview({
        status: "loaded",
        rows: answer.replacements.map((r, i) => ({ ...r, key: `p${i}` })),
      });
    } catch (error) {
      setPreview({
        status: "failed",
        message:
          error instanceof ApiError
            ? error.message
            : "The preview could not be loaded. Check your connection and try again.",
      });
    }
  }

  function toggle(key: string) {
    if (preview.status !== "loaded") return;
    setPreview({
      status: "loaded",
      rows: preview.rows.map((r) => (r.key === key ? { ...r, apply: !r.apply } : r)),
    });
  }

  function remove(key: string) {
    if (preview.status !== "loaded") return;
    setPreview({ status: "loaded", rows: preview.rows.filter((r) => r.key !== key) });
  }

  function onAdd(event: FormEvent) {
    event.preventDefault();
    if (preview.status !== "loaded") return;
    const text = addText.trim();
    const label = addLabel.trim();
    const next: Errors = {};
    if (!text) next.addText = "Enter the word or phrase to replace";
    else if (text.length > 100) next.addText = "Keep it to 100 characters or fewer";
    if (!label) next.addLabel = "Enter what to replace it with, for example Child D";
    else if (label.length > 40) next.addLabel = "Keep it to 40 characters or fewer";
    setErrors((e) => ({ ...e, addText: next.addText, addLabel: next.addLabel }));
    if (next.addText || next.addLabel) return;
    setPreview({
      status: "loaded",
      rows: [
        ...preview.rows,
        {
          key: `a${Date.now()}`,
          text,
          label,
          child: null,
          kind: "added",
          review: null,
          apply: true,
          foundIn: [],
        },
      ],
    });
    setAddText("");
    setAddLabel("");
  }

  function onDownload() {
    const next: Errors = {};
    if (!purpose) next.purpose = "Choose what the export is for";
    if (purpose === "other" && !purposeDetail.trim()) next.purposeDetail = "Say what it is for";
    setErrors((e) => ({ ...e, purpose: next.purpose, purposeDetail: next.purposeDetail }));
    if (!purpose || next.purposeDetail) {
      document
        .getElementById(next.purpose ? "export-purpose-internal" : "export-purpose-detail")
        ?.focus();
      return;
    }
    const url = pupilsApi.exportUrl(pupilId, filters, {
      format,
      purpose,
      purposeDetail: purposeDetail.trim(),
      redact,
      ...(preview.status === "loaded"
        ? {
            replacements: preview.rows
              .filter((r) => r.apply)
              .map(({ text, label }) => ({ text, label })),
            undone: preview.rows.filter((r) => !r.apply).map((r) => r.text),
          }
        : {}),
    });
    // A link the browser follows: the file downloads with the session's cookie.
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.click();
    setDownloaded(true);
  }

  const filtered = Boolean(filters.type || filters.area || filters.q || filters.from || filters.to);

  return (
    <section aria-labelledby="export-heading" className="export">
      <h3 id="export-heading">Export the chronology</h3>
      <p>
        {filtered
          ? "The export holds the entries the filters above show."
          : "The export holds the whole chronology you can see."}{" "}
        Every export is recorded in the access log with its purpose.
      </p>
      <button ref={opener} type="button" className={buttonClassName("secondary")} onClick={open}>
        Export the chronology
      </button>
      <dialog
        ref={dialog}
        className="export__dialog"
        aria-labelledby="export-dialog-heading"
        onClose={() => opener.current?.focus()}
      >
        <div className="export__dialog-head">
          <h2 id="export-dialog-heading">Export the chronology</h2>
          <Button variant="link" onClick={close}>
            Close
          </Button>
        </div>

        <div className={errors.purpose ? "form-group form-group--error" : "form-group"}>
          <fieldset
            className="fieldset"
            aria-describedby={errors.purpose ? "export-purpose-error" : undefined}
          >
            <legend className="fieldset__legend">What is the export for?</legend>
            {errors.purpose && (
              <p className="error-message" id="export-purpose-error">
                <span className="visually-hidden">Error:</span> {errors.purpose}
              </p>
            )}
            {PURPOSES.map((p) => (
              <div className="radio" key={p}>
                <input
                  className="radio__input"
                  type="radio"
                  id={`export-purpose-${p}`}
                  name="export-purpose"
                  checked={purpose === p}
                  onChange={() => choosePurpose(p)}
                />
                <label className="radio__label" htmlFor={`export-purpose-${p}`}>
                  {PURPOSE_LABELS[p]}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        {purpose === "other" && (
          <TextInput
            id="export-purpose-detail"
            label="Say what it is for"
            value={purposeDetail}
            maxLength={200}
            error={errors.purposeDetail}
            onChange={(event) => setPurposeDetail(event.target.value)}
          />
        )}

        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">File</legend>
            <div className="radios--inline">
              {(["pdf", "csv"] as const).map((f) => (
                <div className="radio" key={f}>
                  <input
                    className="radio__input"
                    type="radio"
                    id={`export-format-${f}`}
                    name="export-format"
                    checked={format === f}
                    onChange={() => setFormat(f)}
                  />
                  <label className="radio__label" htmlFor={`export-format-${f}`}>
                    {f === "pdf" ? "PDF (to print or send)" : "CSV (a spreadsheet)"}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <Checkbox
          id="export-redact"
          label="Replace other children’s names (Child A, Child B…)"
          checked={redact}
          onChange={(event) => setRedact(event.target.checked)}
        />
        {!redact && purpose && purpose !== "internal" && (
          <p className="export__warning">
            Other children’s names will be in the file. Only leave them in if the people receiving
            it need them.
          </p>
        )}

        {redact && (
          <>
            <Button variant="secondary" onClick={onPreview}>
              Preview redaction
            </Button>
            {preview.status === "loading" && <Loading label="Finding other children’s names" />}
            {preview.status === "failed" && (
              <p className="error-message" role="alert">
                {preview.message}
              </p>
            )}
            {preview.status === "loaded" && (
              <ReplacementsTable
                rows={preview.rows}
                headingRef={previewHeading}
                onToggle={toggle}
                onRemove={remove}
              />
            )}
            {preview.status === "loaded" && (
              <form className="export__add" onSubmit={onAdd} noValidate>
                <h3>Add a replacement</h3>
                <TextInput
                  id="export-add-text"
                  label="Word or phrase"
                  value={addText}
                  error={errors.addText}
                  onChange={(event) => setAddText(event.target.value)}
                />
                <TextInput
                  id="export-add-label"
                  label="Replace with"
                  hint="For example Child D"
                  width="short"
                  value={addLabel}
                  error={errors.addLabel}
                  onChange={(event) => setAddLabel(event.target.value)}
                />
                <Button type="submit" variant="secondary">
                  Add replacement
                </Button>
              </form>
            )}
          </>
        )}

        <p className="button-group">
          <Button onClick={onDownload}>Download</Button>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
        </p>
        <output className="secondary-text export__status">
          {downloaded ? "Your download has started. It is recorded in the access log." : ""}
        </output>
      </dialog>
    </section>
  );
}

function ReplacementsTable({
  rows,
  headingRef,
  onToggle,
  onRemove,
}: {
  rows: Row[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  onToggle: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  return (
    <div className="export__preview">
      <h3 ref={headingRef} tabIndex={-1}>
        Replacements
      </h3>
      <p className="secondary-text">
        Who each label stands for is shown only here, never in the file. Viewing it is recorded in
        the access log.
      </p>
      {rows.length === 0 ? (
        <p>No other children are named in these entries.</p>
      ) : (
        <table className="table table--stacked">
          <caption className="visually-hidden">Words to be replaced in the export</caption>
          <thead>
            <tr>
              <th scope="col">Words</th>
              <th scope="col">Becomes</th>
              <th scope="col">Who</th>
              <th scope="col">Found in</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.apply ? undefined : "export__row--off"}>
                <td>
                  <span className="table__label">Words: </span>“{r.text}”
                  {r.review && <span className="export__note">{REVIEW_NOTES[r.review]}</span>}
                </td>
                <td>
                  <span className="table__label">Becomes: </span>
                  {r.apply ? r.label : "Not replaced"}
                </td>
                <td>
                  <span className="table__label">Who: </span>
                  {r.child ? r.child.name : r.kind === "added" ? "Added by you" : "Not known"}
                </td>
                <td>
                  <span className="table__label">Found in: </span>
                  {r.foundIn.length === 0
                    ? "—"
                    : r.foundIn
                        .map((f) => `${ENTRY_LABELS[f.type]}, ${formatDateTime(f.occurredAt)}`)
                        .join("; ")}
                </td>
                <td>
                  {r.kind === "added" ? (
                    <Button variant="link" onClick={() => onRemove(r.key)}>
                      Remove<span className="visually-hidden"> “{r.text}”</span>
                    </Button>
                  ) : (
                    <Button variant="link" onClick={() => onToggle(r.key)}>
                      {r.apply ? "Undo" : "Replace"}
                      <span className="visually-hidden"> “{r.text}”</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
