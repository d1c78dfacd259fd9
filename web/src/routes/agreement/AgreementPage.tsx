// The school's agreement for using Tessera (seed 004 section 20): read and accepted on first
// use and whenever the school changes it. Until then the other pages send people here. If
// the school changes the text while it is being read, the new text is shown instead.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type Agreement, sessionApi } from "../../api/session";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { destination } from "../../lib/destination";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useSession } from "../../session/SessionContext";
import "./AgreementPage.css";

const IDS = { agree: "agree" } as const;
const TITLE = "Agreement for using Tessera";

export const AGREEMENT_MESSAGES = {
  agreeMissing: "Select ‘I have read and agree to this’ to use Tessera",
  changed:
    "Your school changed the agreement while you were reading it. Read the new version, then accept it.",
} as const;

type Loaded =
  | { status: "loading" }
  | { status: "loaded"; agreement: Agreement }
  | { status: "no-school" }
  | { status: "failed" };

/** Paragraphs are separated by blank lines. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export function AgreementPage() {
  const { reload, unlockCount } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [agreed, setAgreed] = useState(false);
  const [changed, setChanged] = useState(false);
  const [errors, setErrors] = useState(noErrors<"agree">());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  usePageTitle(hasErrors(errors) ? `Error: ${TITLE}` : TITLE);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const agreement = await sessionApi.agreement(signal);
      setLoaded({ status: "loaded", agreement });
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      const noSchool = error instanceof ApiError && error.status === 404;
      setLoaded({ status: noSchool ? "no-school" : "failed" });
    }
  }, []);

  // Loads again after an unlock, in case the lock refused the first try.
  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount is the trigger.
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, unlockCount]);

  function fail(next: FormErrors<"agree">) {
    setErrors(next);
    setFailedSubmits((count) => count + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>, agreement: Agreement) {
    event.preventDefault();
    if (submitting) return;
    if (!agreed) {
      fail(fieldErrors({ agree: AGREEMENT_MESSAGES.agreeMissing }, IDS));
      return;
    }
    setSubmitting(true);
    try {
      await sessionApi.acceptAgreement(agreement.version);
      await reload();
      navigate(destination(location.state), { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        // A new version: show it, and ask again.
        setAgreed(false);
        setChanged(true);
        setErrors(noErrors());
        await load();
        document.querySelector<HTMLElement>("main h1")?.focus();
        return;
      }
      fail(errorsFromFailure(error, IDS));
    }
  }

  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "no-school") {
    return (
      <div className="reading-width">
        <PageHeading>{TITLE}</PageHeading>
        <p>You do not work in a school on Tessera yet, so there is no agreement to read.</p>
        <p>Ask the person who looks after Tessera at your school to add you.</p>
      </div>
    );
  }
  if (loaded.status === "failed") {
    return (
      <div className="reading-width">
        <PageHeading>{TITLE}</PageHeading>
        <p>The agreement could not be loaded. Check your internet connection, then try again.</p>
        <Button onClick={() => void load()}>Try again</Button>
      </div>
    );
  }

  const { agreement } = loaded;
  return (
    <div className="agreement">
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <PageHeading>{TITLE}</PageHeading>
      {changed && <output className="notice">{AGREEMENT_MESSAGES.changed}</output>}
      {agreement.accepted ? (
        <p className="lead">You have accepted this agreement. You can read it again here.</p>
      ) : (
        <p className="lead">
          Read your school’s agreement. You need to accept it before you use Tessera.
        </p>
      )}
      <section className="agreement__text" aria-label="The agreement">
        {paragraphs(agreement.text).map((paragraph, index) => (
          // The text has no ids; its paragraphs never move about.
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text.
          <p key={index}>{paragraph}</p>
        ))}
      </section>
      <p className="secondary-text">Version {agreement.version}</p>
      {agreement.accepted ? (
        <p>
          <Link to={destination(location.state)}>Continue</Link>
        </p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event, agreement)}>
          <Checkbox
            id={IDS.agree}
            name="agree"
            label="I have read and agree to this"
            checked={agreed}
            error={errors.fields.agree}
            onChange={(event) => setAgreed(event.target.checked)}
          />
          <Button type="submit">Accept and continue</Button>
        </form>
      )}
    </div>
  );
}
