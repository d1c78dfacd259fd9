// Add a document to a pupil's vault: its type (which sets the area unless the uploader
// chooses another they may use), its own date, a description and the file. Errors show
// beside their fields and nothing typed is lost; the server checks the file's content.
import { type FormEvent, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import { AREA_LABELS, type Area, type DocumentType, documentsApi } from "../../api/documents";
import { Button } from "../../components/Button/Button";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { TextInput } from "../../components/TextInput/TextInput";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";

type Field = "documentType" | "documentDate" | "description" | "area" | "file";

const IDS: Record<Field, string> = {
  documentType: "document-type",
  documentDate: "document-date",
  description: "document-description",
  area: "document-area",
  file: "document-file",
};

interface Props {
  pupilId: string;
  types: DocumentType[];
  areas: Area[];
  onUploaded: (fileName: string) => void;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function UploadDocumentForm({ pupilId, types, areas, onUploaded }: Props) {
  // Types whose usual area the uploader may not use are still offered: they choose an
  // area they may use.
  const [documentType, setDocumentType] = useState("");
  const [documentDate, setDocumentDate] = useState(today());
  const [description, setDescription] = useState("");
  const [area, setArea] = useState<Area | "">("");
  const [areaChosen, setAreaChosen] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors());
  const [submits, setSubmits] = useState(0);
  const [sending, setSending] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  function chooseType(name: string) {
    setDocumentType(name);
    const usual = types.find((t) => t.name === name)?.area;
    if (!areaChosen) setArea(usual && areas.includes(usual) ? usual : "");
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const found = fieldErrors<Field>(
      {
        documentType: documentType ? undefined : "Choose a document type.",
        documentDate: documentDate ? undefined : "Give the document’s date.",
        description: description.trim() ? undefined : "Describe the document.",
        area: area ? undefined : "Choose who may see it.",
        file: file ? undefined : "Choose a file to upload.",
      },
      IDS,
    );
    setSubmits((n) => n + 1);
    if (hasErrors(found) || !file) {
      setErrors(found);
      return;
    }
    const form = new FormData();
    form.set("documentType", documentType);
    form.set("documentDate", documentDate);
    form.set("description", description.trim());
    form.set("area", area);
    form.set("file", file);
    setSending(true);
    try {
      await documentsApi.upload(pupilId, form);
      setErrors(noErrors());
      setDocumentType("");
      setDescription("");
      setArea("");
      setAreaChosen(false);
      setDocumentDate(today());
      if (fileRef.current) fileRef.current.value = "";
      onUploaded(file.name);
    } catch (error) {
      // A refused file (its kind or its size) belongs beside the file field.
      if (error instanceof ApiError && (error.status === 413 || error.status === 415)) {
        setErrors(fieldErrors<Field>({ file: error.problem.detail ?? error.problem.title }, IDS));
      } else {
        setErrors(errorsFromFailure(error, IDS));
      }
    } finally {
      setSending(false);
    }
  }

  const fieldError = (field: Field) =>
    errors.fields[field] ? (
      <p className="error-message" id={`${IDS[field]}-error`}>
        <span className="visually-hidden">Error:</span> {errors.fields[field]}
      </p>
    ) : null;
  const describedBy = (field: Field, hint = false) =>
    [hint ? `${IDS[field]}-hint` : "", errors.fields[field] ? `${IDS[field]}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const groupClass = (field: Field) =>
    errors.fields[field] ? "form-group form-group--error" : "form-group";

  return (
    <form className="upload-document" onSubmit={onSubmit} noValidate aria-label="Add a document">
      <h3>Add a document</h3>
      <ErrorSummary errors={errors.summary} focusKey={submits} />
      <div className={groupClass("documentType")}>
        <label className="label" htmlFor={IDS.documentType}>
          Document type
        </label>
        {fieldError("documentType")}
        <select
          id={IDS.documentType}
          className={errors.fields.documentType ? "select select--error" : "select"}
          value={documentType}
          aria-describedby={describedBy("documentType")}
          aria-invalid={errors.fields.documentType ? true : undefined}
          onChange={(event) => chooseType(event.target.value)}
        >
          <option value="">Choose a type</option>
          {types.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <TextInput
        id={IDS.documentDate}
        label="Date of the document"
        hint="The date it was written or agreed, not today’s."
        type="date"
        className="input--date"
        width="short"
        value={documentDate}
        error={errors.fields.documentDate}
        onChange={(event) => setDocumentDate(event.target.value)}
      />
      <div className={groupClass("description")}>
        <label className="label" htmlFor={IDS.description}>
          Description
        </label>
        <p className="hint" id={`${IDS.description}-hint`}>
          What it is and who it is from. This shows in the chronology.
        </p>
        {fieldError("description")}
        <textarea
          id={IDS.description}
          className={
            errors.fields.description
              ? "textarea textarea--error upload-document__text"
              : "textarea upload-document__text"
          }
          rows={3}
          value={description}
          aria-describedby={describedBy("description", true)}
          aria-invalid={errors.fields.description ? true : undefined}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <div className={groupClass("area")}>
        <label className="label" htmlFor={IDS.area}>
          Who may see it
        </label>
        <p className="hint" id={`${IDS.area}-hint`}>
          The area decides who may open it, as for records. It is set from the type.
        </p>
        {fieldError("area")}
        <select
          id={IDS.area}
          className={errors.fields.area ? "select select--error" : "select"}
          value={area}
          aria-describedby={describedBy("area", true)}
          aria-invalid={errors.fields.area ? true : undefined}
          onChange={(event) => {
            setArea(event.target.value as Area | "");
            setAreaChosen(true);
          }}
        >
          <option value="">Choose an area</option>
          {areas.map((a) => (
            <option key={a} value={a}>
              {AREA_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className={groupClass("file")}>
        <label className="label" htmlFor={IDS.file}>
          File
        </label>
        <p className="hint" id={`${IDS.file}-hint`}>
          PDF, photo (JPEG, PNG, HEIC), Word, Excel, OpenDocument, text or email. Up to 25 MB. Where
          a photo was taken is removed.
        </p>
        {fieldError("file")}
        <input
          id={IDS.file}
          ref={fileRef}
          type="file"
          className="upload-document__file"
          aria-describedby={describedBy("file", true)}
          aria-invalid={errors.fields.file ? true : undefined}
        />
      </div>
      <Button type="submit" disabled={sending}>
        {sending ? "Uploading…" : "Upload document"}
      </Button>
    </form>
  );
}
