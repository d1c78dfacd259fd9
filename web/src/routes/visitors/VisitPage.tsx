// The visitor's page (seed 002's yellow form), opened from a link or QR code without an
// account: who they are, the child's name as they know it (no roll is shown), what they
// saw or heard and when. Nothing is read back: the answer is only "thank you". A used or
// expired link says so in words.
import { type FormEvent, useEffect, useState } from "react";
import { useParams } from "react-router";
import { ApiError, NetworkError } from "../../api/client";
import { type VisitorConcernInput, visitorsApi } from "../../api/visitors";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { usePageTitle } from "../../lib/pageTitle";
import "./Visitors.css";

type Field = keyof VisitorConcernInput;
const FIELDS: { field: Field; label: string; hint?: string; missing: string }[] = [
  { field: "visitorName", label: "Your name", missing: "Enter your name" },
  {
    field: "visitorRole",
    label: "Why you are in school",
    hint: "For example, supply teacher, sports coach or visiting speaker, and your agency if you have one.",
    missing: "Say why you are in school",
  },
  {
    field: "visitorContact",
    label: "Phone number or email address",
    hint: "So the safeguarding team can talk to you about it.",
    missing: "Give a phone number or email address",
  },
  {
    field: "childName",
    label: "The child’s name",
    hint: "As much as you know. If you do not know their name, describe them: their class, what they were wearing.",
    missing: "Enter the child’s name, or describe them",
  },
  {
    field: "happenedWhen",
    label: "When it happened",
    hint: "For example, today at lunchtime, or Tuesday during the maths lesson.",
    missing: "Say when it happened",
  },
];
const EMPTY: VisitorConcernInput = {
  visitorName: "",
  visitorRole: "",
  visitorContact: "",
  childName: "",
  account: "",
  happenedWhen: "",
};

type State =
  | { status: "loading" }
  | { status: "open"; school: string }
  | { status: "closed"; message: string }
  | { status: "sent"; message: string };

function closedMessage(error: unknown): string {
  if (error instanceof ApiError && (error.status === 410 || error.status === 404)) {
    return error.problem.detail ?? "This link no longer works.";
  }
  if (error instanceof ApiError && error.status === 429) {
    return error.problem.detail ?? "Too many tries. Please speak to a member of staff.";
  }
  return "This page could not be loaded. Check your internet connection, then try again.";
}

export function VisitPage() {
  const { token = "" } = useParams();
  usePageTitle("Tell the safeguarding team");
  const [state, setState] = useState<State>({ status: "loading" });
  const [form, setForm] = useState<VisitorConcernInput>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [tries, setTries] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    visitorsApi.openLink(token, controller.signal).then(
      (link) => setState({ status: "open", school: link.school }),
      (error) => {
        if (!controller.signal.aborted)
          setState({ status: "closed", message: closedMessage(error) });
      },
    );
    return () => controller.abort();
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const missing: Partial<Record<Field, string>> = {};
    for (const { field, missing: message } of FIELDS) {
      if (!form[field].trim()) missing[field] = message;
    }
    if (!form.account.trim()) missing.account = "Write what you saw or heard";
    const order: Field[] = [...FIELDS.map((f) => f.field), "account"];
    const list = order.flatMap((field) =>
      missing[field] ? [{ message: missing[field], fieldId: `visit-${field}` }] : [],
    );
    setErrors(missing);
    setSummary(list);
    if (list.length > 0) {
      setTries((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      const answer = await visitorsApi.sendConcern(token, form);
      setState({ status: "sent", message: answer.message });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
        const fields: Partial<Record<Field, string>> = {};
        for (const e of error.problem.errors) fields[e.path as Field] = e.message;
        setErrors(fields);
        setSummary(
          error.problem.errors.map((e) => ({ message: e.message, fieldId: `visit-${e.path}` })),
        );
      } else if (error instanceof ApiError && error.status === 410) {
        setState({ status: "closed", message: closedMessage(error) });
      } else {
        setSummary([
          {
            message:
              error instanceof NetworkError
                ? "Your concern could not be sent. Check your internet connection, then try again. What you wrote is still here."
                : closedMessage(error),
          },
        ]);
      }
      setTries((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  if (state.status === "loading") return <Loading />;
  if (state.status === "closed") {
    return (
      <div className="reading-width">
        <PageHeading>This link does not work</PageHeading>
        <p>{state.message}</p>
        <p>
          If a child may be at risk now, tell a member of staff in person straight away, or call the
          police on 999 in an emergency.
        </p>
      </div>
    );
  }
  if (state.status === "sent") {
    return (
      <div className="reading-width">
        <PageHeading>{state.message}</PageHeading>
        <p>
          The designated safeguarding lead will read it. They may contact you to ask more. You do
          not need to do anything else, and you will not be able to see your concern again from this
          device.
        </p>
        <p>If a child may be at risk now, tell a member of staff in person straight away.</p>
      </div>
    );
  }
  return (
    <div className="reading-width visit">
      <PageHeading>Tell the safeguarding team at {state.school}</PageHeading>
      <p>
        If you have seen or heard something that worries you about a child, tell us here. It goes
        only to the school’s designated safeguarding lead and their deputies. If a child is in
        danger now, tell a member of staff in person straight away.
      </p>
      <ErrorSummary errors={summary} focusKey={tries} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        {FIELDS.map(({ field, label, hint }) => (
          <TextInput
            key={field}
            id={`visit-${field}`}
            label={label}
            hint={hint}
            error={errors[field]}
            value={form[field]}
            autoComplete={
              field === "visitorName" ? "name" : field === "visitorContact" ? "tel" : "off"
            }
            onChange={(event) => setForm({ ...form, [field]: event.target.value })}
          />
        ))}
        <div className={errors.account ? "form-group form-group--error" : "form-group"}>
          <label className="label" htmlFor="visit-account">
            What you saw or heard
          </label>
          <p className="hint" id="visit-account-hint">
            Write what happened, in the child’s own words where you can, and what you did.
          </p>
          {errors.account && (
            <p className="error-message" id="visit-account-error">
              <span className="visually-hidden">Error:</span> {errors.account}
            </p>
          )}
          <textarea
            id="visit-account"
            className={errors.account ? "textarea textarea--error" : "textarea"}
            rows={8}
            aria-describedby={
              errors.account ? "visit-account-hint visit-account-error" : "visit-account-hint"
            }
            aria-invalid={errors.account ? true : undefined}
            value={form.account}
            onChange={(event) => setForm({ ...form, account: event.target.value })}
          />
        </div>
        <Button type="submit" aria-disabled={sending || undefined}>
          Send to the safeguarding team
        </Button>
      </form>
    </div>
  );
}
