// A pupil's flags (CP plan, CIN, looked after, EHCP, SEN support…, and the child protection
// file): current ones first, past ones kept. The server sends only the flags the reader's
// access covers, and says which kinds this reader may set or end.

import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { deskApi, type FlagType, type PupilFlag } from "../../api/desk";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDay } from "../../lib/dates";
import { filedName } from "../../lib/filedName";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { localDate } from "../../lib/localDateTime";

const today = () => localDate(new Date());

type Loaded = { items: PupilFlag[]; mayAdd: string[]; types: FlagType[] };

export function FlagsSection({ pupilId }: { pupilId: string }) {
  const [state, setState] = useState<Loaded | "loading" | "failed">("loading");
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<PupilFlag | null>(null);
  const [notice, setNotice] = useState("");

  const load = useCallback(
    (signal?: AbortSignal) =>
      Promise.all([deskApi.flags(pupilId, signal), deskApi.flagTypes(signal)])
        .then(([flags, types]) => setState({ ...flags, types: types.items }))
        .catch((error) => {
          if (!signal?.aborted && !isHandledByApp(error)) setState("failed");
        }),
    [pupilId],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const done = (message: string) => {
    setAdding(false);
    setEnding(null);
    setNotice(message);
    void load();
  };

  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Flags</h2>
      {notice && <output className="notice notice--success">{notice}</output>}
      {state === "loading" && <p className="secondary-text">Loading flags…</p>}
      {state === "failed" && (
        <p className="notice notice--error" role="alert">
          The flags could not be loaded. Check your connection and reload the page.
        </p>
      )}
      {typeof state === "object" && (
        <>
          <CurrentFlags
            flags={state.items.filter((f) => f.current)}
            mayEnd={(f) => state.mayAdd.includes(f.typeId)}
            onEnd={(f) => {
              setNotice("");
              setAdding(false);
              setEnding(f);
            }}
          />
          {ending && <EndFlagForm flag={ending} onDone={done} onCancel={() => setEnding(null)} />}
          {state.mayAdd.length > 0 && !adding && !ending && (
            <Button
              variant="secondary"
              onClick={() => {
                setNotice("");
                setAdding(true);
              }}
            >
              Add a flag
            </Button>
          )}
          {adding && (
            <AddFlagForm
              pupilId={pupilId}
              types={state.types.filter((t) => state.mayAdd.includes(t.id))}
              onDone={done}
              onCancel={() => setAdding(false)}
            />
          )}
          <PastFlags flags={state.items.filter((f) => !f.current)} />
        </>
      )}
    </section>
  );
}

function CurrentFlags({
  flags,
  mayEnd,
  onEnd,
}: {
  flags: PupilFlag[];
  mayEnd: (flag: PupilFlag) => boolean;
  onEnd: (flag: PupilFlag) => void;
}) {
  if (flags.length === 0) return <p className="secondary-text">No current flags you can see.</p>;
  return (
    <ul className="plain-list pupil__flag-list">
      {flags.map((flag) => (
        <li key={flag.id} className="pupil__flag">
          <p>
            <span className="tag tag--warning">{filedName(flag.name, flag.filedAs)}</span> since{" "}
            {formatDay(flag.startsOn)}
          </p>
          <p className="secondary-text">
            {flag.note} — set by {flag.setBy.name}
          </p>
          {mayEnd(flag) && (
            <Button variant="link" onClick={() => onEnd(flag)}>
              End “{flag.name}”
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

function PastFlags({ flags }: { flags: PupilFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <details className="pupil__past-flags">
      <summary>Past flags ({flags.length})</summary>
      <ul className="plain-list">
        {flags.map((flag) => (
          <li key={flag.id} className="pupil__flag">
            <p>
              <strong>{filedName(flag.name, flag.filedAs)}</strong>: {formatDay(flag.startsOn)} to{" "}
              {flag.ended ? formatDay(flag.ended.endsOn) : "now"}
            </p>
            <p className="secondary-text">
              Set by {flag.setBy.name}: {flag.note}
              {flag.ended && (
                <>
                  <br />
                  Ended by {flag.ended.by.name}: {flag.ended.reason}
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

function useFormErrors() {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const fail = (list: SummaryError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };
  const fromApi = (error: unknown, fieldIds: Record<string, string>) => {
    if (isHandledByApp(error)) return;
    if (error instanceof ApiError && error.status < 500) {
      const list = (error.problem.errors ?? []).map((e) => ({
        message: e.message,
        ...(fieldIds[e.path] ? { fieldId: fieldIds[e.path] } : {}),
      }));
      fail(list.length ? list : [{ message: error.problem.detail ?? error.problem.title }]);
    } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
  };
  const messageFor = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;
  return { errors, focusKey, fail, fromApi, messageFor };
}

function AddFlagForm({
  pupilId,
  types,
  onDone,
  onCancel,
}: {
  pupilId: string;
  types: FlagType[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [flagTypeId, setFlagTypeId] = useState("");
  const [startsOn, setStartsOn] = useState(today());
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const fields = { flagTypeId: "flag-type", startsOn: "flag-starts", note: "flag-note" };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const list: SummaryError[] = [];
    if (!flagTypeId) list.push({ message: "Choose the flag.", fieldId: fields.flagTypeId });
    if (!startsOn) list.push({ message: "Enter the date it starts.", fieldId: fields.startsOn });
    if (!note.trim()) list.push({ message: "Say what this is based on.", fieldId: fields.note });
    if (list.length > 0) return form.fail(list);
    setBusy(true);
    try {
      await deskApi.setFlag(pupilId, { flagTypeId, startsOn, note: note.trim() });
      onDone(`${types.find((t) => t.id === flagTypeId)?.name ?? "The flag"} is set.`);
    } catch (error) {
      form.fromApi(error, fields);
    } finally {
      setBusy(false);
    }
  }

  const typeError = form.messageFor(fields.flagTypeId);
  return (
    <form noValidate onSubmit={onSubmit} className="reading-width pupil__flag-form">
      <h3>Add a flag</h3>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      <div className={typeError ? "form-group form-group--error" : "form-group"}>
        <label className="label" htmlFor={fields.flagTypeId}>
          Flag
        </label>
        {typeError && (
          <p className="error-message" id="flag-type-error">
            <span className="visually-hidden">Error:</span> {typeError}
          </p>
        )}
        <select
          id={fields.flagTypeId}
          className="select"
          value={flagTypeId}
          aria-describedby={typeError ? "flag-type-error" : undefined}
          onChange={(event) => setFlagTypeId(event.target.value)}
        >
          <option value="">Choose a flag</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <TextInput
        id={fields.startsOn}
        label="Starts on"
        type="date"
        width="short"
        value={startsOn}
        error={form.messageFor(fields.startsOn)}
        onChange={(event) => setStartsOn(event.target.value)}
      />
      <TextInput
        id={fields.note}
        label="What is this based on?"
        hint="For example: “Initial child protection conference, 3 October”. For the child protection file, why it is opened."
        value={note}
        error={form.messageFor(fields.note)}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="button-group">
        <Button type="submit" disabled={busy}>
          Set the flag
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function EndFlagForm({
  flag,
  onDone,
  onCancel,
}: {
  flag: PupilFlag;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [endsOn, setEndsOn] = useState(today());
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const fields = { endsOn: "flag-ends", reason: "flag-end-reason" };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const list: SummaryError[] = [];
    if (!endsOn) list.push({ message: "Enter the date it ends.", fieldId: fields.endsOn });
    if (!reason.trim()) list.push({ message: "Give the reason it ends.", fieldId: fields.reason });
    if (list.length > 0) return form.fail(list);
    setBusy(true);
    try {
      await deskApi.endFlag(flag.id, { endsOn, reason: reason.trim() });
      onDone(`${flag.name} has ended. It stays in the pupil’s history.`);
    } catch (error) {
      form.fromApi(error, fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="reading-width pupil__flag-form">
      <h3>End “{flag.name}”</h3>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      <TextInput
        id={fields.endsOn}
        label="Ends on"
        type="date"
        width="short"
        value={endsOn}
        error={form.messageFor(fields.endsOn)}
        onChange={(event) => setEndsOn(event.target.value)}
      />
      <TextInput
        id={fields.reason}
        label="Why does it end?"
        value={reason}
        error={form.messageFor(fields.reason)}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="button-group">
        <Button type="submit" disabled={busy}>
          End the flag
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
