// A pupil's documents: those the reader may see, each with a download link and, for PDFs
// and images, a preview in a sandboxed frame; and the upload form for those who may add
// documents here. Every download and preview is in the access log.

import { useEffect, useState } from "react";
import { AREA_LABELS, type DocumentList, documentsApi } from "../../api/documents";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { formatDate, formatDateTime, isoDateTime } from "../../lib/dates";
import { filedName } from "../../lib/filedName";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { useSession } from "../../session/SessionContext";
import { UploadDocumentForm } from "./UploadDocumentForm";
import { refusalOf } from "./usePupil";
import "./Documents.css";

type State =
  | { status: "loading" }
  | { status: "loaded"; list: DocumentList }
  | { status: "failed"; message: string };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function DocumentsSection({
  pupilId,
  onUploaded,
}: {
  pupilId: string;
  onUploaded: () => void;
}) {
  const { unlockCount } = useSession();
  const [state, setState] = useState<State>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount and version load again on purpose.
  useEffect(() => {
    const controller = new AbortController();
    documentsApi.list(pupilId, controller.signal).then(
      (list) => setState({ status: "loaded", list }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const refusal = refusalOf(error);
        if (!refusal) return;
        setState({
          status: "failed",
          message:
            refusal === "failed"
              ? `The documents could not be loaded. ${GENERAL_MESSAGES.unreachable}`
              : "You are not allowed to see this pupil’s documents.",
        });
      },
    );
    return () => controller.abort();
  }, [pupilId, unlockCount, version]);

  return (
    <section aria-labelledby="documents-heading" className="documents">
      <h2 id="documents-heading">Documents</h2>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {state.status === "loading" && <Loading label="Loading the documents" />}
      {state.status === "failed" && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === "loaded" && (
        <>
          {state.list.items.length === 0 ? (
            <p className="secondary-text">There are no documents you can see.</p>
          ) : (
            <ul className="plain-list documents__list">
              {state.list.items.map((doc) => (
                <li key={doc.id} className="documents__item">
                  <p className="documents__head">
                    <span className="documents__type">
                      {filedName(doc.documentTypeNow ?? doc.documentType, doc.documentType)}
                    </span>
                    <span className="tag tag--grey">{AREA_LABELS[doc.area]}</span>
                  </p>
                  <p className="documents__description">{doc.description}</p>
                  <p className="secondary-text">
                    Dated {formatDate(new Date(`${doc.documentDate}T12:00:00`))}. Uploaded by{" "}
                    {doc.uploadedBy.name} on{" "}
                    <time dateTime={isoDateTime(doc.uploadedAt)}>
                      {formatDateTime(doc.uploadedAt)}
                    </time>
                    . {doc.fileName}, {size(doc.size)}.
                  </p>
                  <p className="button-group">
                    <a href={documentsApi.downloadUrl(doc.id)} download={doc.fileName}>
                      Download<span className="visually-hidden"> {doc.fileName}</span>
                    </a>
                    {doc.previewable && (
                      <Button
                        variant="link"
                        aria-expanded={previewing === doc.id}
                        aria-controls={`preview-${doc.id}`}
                        onClick={() => setPreviewing(previewing === doc.id ? null : doc.id)}
                      >
                        {previewing === doc.id ? "Close preview" : "Preview"}
                        <span className="visually-hidden"> {doc.fileName}</span>
                      </Button>
                    )}
                  </p>
                  {previewing === doc.id && (
                    <div id={`preview-${doc.id}`} className="documents__preview">
                      {/* Images are framed sandboxed: they run nothing and reach nothing of
                          the page. Chromium shows no PDF in a sandboxed frame (its viewer is a
                          plugin, and a sandbox cannot allow plugins), so a PDF is framed
                          without one; the server sends it only after checking it is a PDF,
                          with nosniff and a policy that allows no scripts, styles or
                          connections of its own and framing by Tessera only. */}
                      <iframe
                        title={`Preview of ${doc.fileName}`}
                        src={documentsApi.previewUrl(doc.id)}
                        sandbox={doc.contentType === "application/pdf" ? undefined : ""}
                        className="documents__frame"
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {state.list.uploadAreas.length > 0 && (
            <UploadDocumentForm
              pupilId={pupilId}
              types={state.list.types}
              areas={state.list.uploadAreas}
              onUploaded={(fileName) => {
                setAnnouncement(`${fileName} was uploaded.`);
                setVersion((v) => v + 1);
                onUploaded();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
