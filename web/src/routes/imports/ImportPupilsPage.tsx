// Import pupils from the MIS: choose a file; for a CSV, say which column holds what (the
// usual header names are recognised); check it (a dry run: adds, updates, proposed
// leavers, errors by line); then apply it, all or nothing.
import { type FormEvent, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  type ImportResult,
  peopleApi,
} from "../../api/people";
import { Button } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { errorsFromFailure, type FormErrors, hasErrors, noErrors } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { LoadFailure } from "../people/NeedsCode";
import { PeopleNav } from "../people/PeopleNav";
import { FIELD_LABELS, mappingFrom, previewCsv, REQUIRED_FIELDS, recognise } from "./csvPreview";
import { MarkLeavers } from "./MarkLeavers";
import "../people/people.css";

type Step =
  | { kind: "choose" }
  | { kind: "map"; file: File; headers: string[]; rows: string[][]; columns: (ImportField | "")[] }
  | { kind: "checked"; file: File; mapping?: ImportMapping; result: ImportResult }
  | { kind: "applying"; file: File }
  | { kind: "done"; result: ImportResult };

type Field = "file" | "mapping";
const IDS: Record<Field, string> = { file: "import-file", mapping: "column-0" };

export function ImportPupilsPage() {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [file, setFile] = useState<File>();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<unknown>();
  usePageTitle(hasErrors(errors) ? "Error: Import pupils" : "Import pupils");

  function fail(problems: FormErrors<Field>) {
    setErrors(problems);
    setFailedSubmits((n) => n + 1);
  }

  async function check(chosen: File, mapping?: ImportMapping) {
    setBusy(true);
    try {
      const result = await peopleApi.importPupils(chosen, { mapping, dryRun: true });
      setErrors(noErrors());
      setStep({ kind: "checked", file: chosen, mapping, result });
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 403) setBlocked(error);
      else fail(errorsFromFailure(error, IDS));
    } finally {
      setBusy(false);
    }
  }

  async function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      fail({
        fields: { file: "Choose a CSV file or a Common Transfer File" },
        summary: [{ message: "Choose a CSV file or a Common Transfer File", fieldId: IDS.file }],
      });
      return;
    }
    const text = await file.text();
    if (/^\s*</.test(text)) {
      await check(file);
      return;
    }
    const { headers, rows } = previewCsv(text);
    setErrors(noErrors());
    setStep({ kind: "map", file, headers, rows, columns: recognise(headers) });
  }

  async function apply(chosen: File, mapping?: ImportMapping) {
    setStep({ kind: "applying", file: chosen });
    try {
      const result = await peopleApi.importPupils(chosen, { mapping, dryRun: false });
      if (result.applied) setStep({ kind: "done", result });
      else setStep({ kind: "checked", file: chosen, mapping, result });
    } catch (error) {
      if (isHandledByApp(error)) return;
      fail(errorsFromFailure(error, IDS));
      setStep({ kind: "choose" });
    }
  }

  if (blocked) {
    return (
      <div className="reading-width">
        <PageHeading>Import pupils</PageHeading>
        <LoadFailure error={blocked} />
      </div>
    );
  }

  return (
    <div>
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>Import pupils</PageHeading>
      <PeopleNav />
      {step.kind === "choose" && (
        <form noValidate onSubmit={choose} className="reading-width">
          <p>
            Export your pupils from SIMS, Arbor, Bromcom or Wonde as a CSV file, or use a Common
            Transfer File (XML). Nothing changes until you have checked the import and chosen “Apply
            import”.
          </p>
          <div className={errors.fields.file ? "form-group form-group--error" : "form-group"}>
            <label className="label" htmlFor={IDS.file}>
              File to import
            </label>
            {errors.fields.file && (
              <p className="error-message" id={`${IDS.file}-error`}>
                <span className="visually-hidden">Error:</span> {errors.fields.file}
              </p>
            )}
            <input
              id={IDS.file}
              type="file"
              accept=".csv,.xml,text/csv,text/xml,application/xml"
              aria-describedby={errors.fields.file ? `${IDS.file}-error` : undefined}
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          </div>
          <Button type="submit" disabled={busy}>
            Continue
          </Button>
        </form>
      )}
      {step.kind === "map" && (
        <MappingStep
          step={step}
          busy={busy}
          onChange={(columns) => setStep({ ...step, columns })}
          onCheck={() => {
            const missing = REQUIRED_FIELDS.filter((f) => !step.columns.includes(f));
            const twice = IMPORT_FIELDS.filter(
              (f) => step.columns.filter((c) => c === f).length > 1,
            );
            const messages = [
              ...missing.map((f) => `Choose the column that holds the ${FIELD_LABELS[f]}`),
              ...twice.map((f) => `Choose only one column for the ${FIELD_LABELS[f]}`),
            ];
            if (messages.length > 0) {
              fail({
                fields: { mapping: messages.join(" ") },
                summary: messages.map((message) => ({ message, fieldId: IDS.mapping })),
              });
              return;
            }
            void check(step.file, mappingFrom(step.columns));
          }}
          onBack={() => setStep({ kind: "choose" })}
        />
      )}
      {step.kind === "checked" && (
        <CheckedStep
          result={step.result}
          onApply={() => void apply(step.file, step.mapping)}
          onBack={() => setStep({ kind: "choose" })}
        />
      )}
      {step.kind === "applying" && (
        <div className="reading-width">
          <label className="label" htmlFor="import-progress">
            Importing pupils… keep this page open.
          </label>
          <progress id="import-progress" className="import-progress" />
        </div>
      )}
      {step.kind === "done" && (
        <div className="reading-width">
          <output className="notice notice--success">
            The import is done: {step.result.adds} added, {step.result.updates} updated.
            {step.result.leavers.length > 0 &&
              ` ${step.result.leavers.length} pupils were not in the file; they stay on roll until someone marks them as leavers.`}
          </output>
          {step.result.leavers.length > 0 && <MarkLeavers leavers={step.result.leavers} />}
          <Button variant="secondary" onClick={() => setStep({ kind: "choose" })}>
            Import another file
          </Button>
        </div>
      )}
    </div>
  );
}

function MappingStep({
  step,
  busy,
  onChange,
  onCheck,
  onBack,
}: {
  step: Extract<Step, { kind: "map" }>;
  busy: boolean;
  onChange: (columns: (ImportField | "")[]) => void;
  onCheck: () => void;
  onBack: () => void;
}) {
  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">Say what each column holds</h2>
      <p className="reading-width">
        Columns with the usual header names are already chosen. UPN, legal surname, legal forename,
        date of birth and gender or sex are needed. The first rows of{" "}
        <strong>{step.file.name}</strong> are shown so you can check.
      </p>
      <div className="scroll-box">
        <table className="people-table import-preview">
          <caption className="visually-hidden">The file’s columns and first rows</caption>
          <thead>
            <tr>
              {step.headers.map((header, i) => (
                <th scope="col" key={`${i}:${header}`}>
                  <label className="label" htmlFor={`column-${i}`}>
                    {header || `Column ${i + 1}`}
                  </label>
                  <select
                    id={`column-${i}`}
                    className="select"
                    value={step.columns[i] ?? ""}
                    onChange={(e) => {
                      const next = [...step.columns];
                      next[i] = e.target.value as ImportField | "";
                      onChange(next);
                    }}
                  >
                    <option value="">Do not import</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {step.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity.
              <tr key={r}>
                {step.headers.map((h, i) => (
                  <td key={`${i}:${h}`}>{row[i] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={onCheck} disabled={busy}>
        Check the import
      </Button>{" "}
      <Button variant="secondary" onClick={onBack}>
        Choose another file
      </Button>
    </section>
  );
}

function CheckedStep({
  result,
  onApply,
  onBack,
}: {
  result: ImportResult;
  onApply: () => void;
  onBack: () => void;
}) {
  return (
    <section aria-labelledby="checked-heading">
      <h2 id="checked-heading">What the import would change</h2>
      <p>
        {result.format === "ctf" ? "Common Transfer File" : "CSV file"}, {result.rows} pupils.
        Nothing has changed yet.
      </p>
      <ul className="import-counts">
        <li>
          <strong>{result.adds}</strong> to add
        </li>
        <li>
          <strong>{result.updates}</strong> to update
        </li>
        <li>
          <strong>{result.leavers.length}</strong> proposed leavers
        </li>
        <li>
          <strong>{result.errors.length}</strong> errors
        </li>
      </ul>
      {result.errors.length > 0 && (
        <>
          <h3>Errors</h3>
          <p>
            Nothing can be imported until these are put right in the file. Fix them in your MIS or
            the file, then choose it again.
          </p>
          <table className="people-table people-table--stacked">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e) => (
                <tr key={`${e.line}:${e.message}`}>
                  <td>
                    <span className="people-table__label">Line </span>
                    {e.line}
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {result.updated.length > 0 && (
        <details className="people-details">
          <summary>Pupils to update ({result.updates})</summary>
          <ul>
            {result.updated.map((u) => (
              <li key={u.upn}>
                Line {u.line}: {u.name} — {u.changes.join("; ")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {result.leavers.length > 0 && (
        <details className="people-details">
          <summary>Proposed leavers ({result.leavers.length})</summary>
          <p>
            These pupils are on roll but not in the file. The import does not remove them: they and
            their records stay until someone marks them as leavers.
          </p>
          <ul>
            {result.leavers.map((l) => (
              <li key={l.pupilId}>
                {l.name}
                {l.className ? ` (${l.className})` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p>
        {result.errors.length === 0 && (
          <>
            <Button onClick={onApply}>Apply import</Button>{" "}
          </>
        )}
        <Button variant="secondary" onClick={onBack}>
          Choose another file
        </Button>
      </p>
    </section>
  );
}
