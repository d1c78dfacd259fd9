// Visitor links (DSL team): make a link and QR code for a named visitor or supply agency,
// good once or for some hours, and see the links made so far with their state. The link
// itself is shown once, when made: Tessera keeps only a hash of it.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type NewVisitorLink, type VisitorLink, visitorsApi } from "../../api/visitors";
import { Button } from "../../components/Button/Button";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDateTime, isoDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/pageTitle";
import { QrCode } from "../account/QrCode";
import "../account/account.css";
import "./Visitors.css";

const STATE_LABEL: Record<VisitorLink["state"], string> = {
  open: "Open",
  used: "Used",
  expired: "Expired",
};

export function VisitorLinksPage() {
  usePageTitle("Visitor links");
  const [name, setName] = useState("");
  const [singleUse, setSingleUse] = useState(true);
  const [hours, setHours] = useState("8");
  const [errors, setErrors] = useState<{ name?: string; hours?: string }>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [tries, setTries] = useState(0);
  const [made, setMade] = useState<NewVisitorLink & { name: string }>();
  const [links, setLinks] = useState<VisitorLink[] | "failed">();
  const [saving, setSaving] = useState(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setLinks((await visitorsApi.links(signal)).items);
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setLinks("failed");
    }
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: typeof errors = {};
    if (!name.trim()) found.name = "Enter the visitor’s or agency’s name";
    const n = Number(hours);
    if (!Number.isInteger(n) || n < 1 || n > 2160) {
      found.hours = "Enter a whole number of hours from 1 to 2160 (90 days)";
    }
    setErrors(found);
    const list: SummaryError[] = [];
    if (found.name) list.push({ message: found.name, fieldId: "link-name" });
    if (found.hours) list.push({ message: found.hours, fieldId: "link-hours" });
    setSummary(list);
    if (list.length > 0) {
      setTries((t) => t + 1);
      return;
    }
    setSaving(true);
    try {
      const link = await visitorsApi.createLink({
        name: name.trim(),
        singleUse,
        expiresInHours: n,
      });
      setMade({ ...link, name: name.trim() });
      setName("");
      void load();
    } catch (error) {
      if (isHandledByApp(error)) return;
      setSummary([
        {
          message:
            error instanceof ApiError
              ? (error.problem.detail ?? error.problem.title)
              : "The link could not be made. Check your internet connection, then try again.",
        },
      ]);
      setTries((t) => t + 1);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div>
      <PageHeading>Visitor links</PageHeading>
      <p className="reading-width">
        Give a visitor, supply teacher or agency a link (or its QR code) to tell the safeguarding
        team about a concern without an account. They do not see the roll and cannot read anything
        back. What they send appears in <Link to="/visitor-concerns">Visitor concerns</Link>.
      </p>
      {made && (
        <section className="notice notice--success" aria-labelledby="made-heading">
          <h2 id="made-heading">Link made for {made.name}</h2>
          <p>
            Copy it or show the QR code now: Tessera keeps only a scrambled copy and cannot show it
            again. It works until {formatDateTime(made.expiresAt)}.
          </p>
          <p className="visitor-link__url">
            <a href={made.url}>{made.url}</a>
          </p>
          <div className="visitor-link__qr">
            <QrCode svg={made.qrSvg} label={`QR code of the visitor link for ${made.name}`} />
          </div>
        </section>
      )}
      <h2>Make a link</h2>
      <ErrorSummary errors={summary} focusKey={tries} />
      <form noValidate onSubmit={(event) => void submit(event)} className="reading-width">
        <TextInput
          id="link-name"
          label="Who it is for"
          hint="The visitor’s name or the supply agency, for example “Acme Supply – Jo Bloggs”."
          error={errors.name}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset className="fieldset form-group">
          <legend className="fieldset__legend">How often it can be used</legend>
          <div className="radio">
            <input
              className="radio__input"
              type="radio"
              id="link-single"
              name="link-use"
              checked={singleUse}
              onChange={() => setSingleUse(true)}
            />
            <label className="radio__label" htmlFor="link-single">
              Once: it stops working after one concern
            </label>
          </div>
          <div className="radio">
            <input
              className="radio__input"
              type="radio"
              id="link-many"
              name="link-use"
              checked={!singleUse}
              onChange={() => setSingleUse(false)}
            />
            <label className="radio__label" htmlFor="link-many">
              As often as needed until it expires
            </label>
          </div>
        </fieldset>
        <TextInput
          id="link-hours"
          label="Hours it works for"
          hint="For example 8 for a school day, or 168 for a week."
          width="short"
          inputMode="numeric"
          error={errors.hours}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
        />
        <Button type="submit" aria-disabled={saving || undefined}>
          Make the link
        </Button>
      </form>
      <h2>Links made</h2>
      {links === undefined && <Loading />}
      {links === "failed" && (
        <p>The list could not be loaded. Check your internet connection, then reload the page.</p>
      )}
      {Array.isArray(links) && links.length === 0 && <p>No links have been made yet.</p>}
      {Array.isArray(links) && links.length > 0 && (
        <table className="table sessions__table">
          <caption className="visually-hidden">Visitor links</caption>
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">Use</th>
              <th scope="col">Works until</th>
              <th scope="col">State</th>
              <th scope="col">Concerns</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id}>
                <td data-label="For">{link.name}</td>
                <td data-label="Use">{link.singleUse ? "Once" : "Until it expires"}</td>
                <td data-label="Works until">
                  <time dateTime={isoDateTime(link.expiresAt)}>
                    {formatDateTime(link.expiresAt)}
                  </time>
                </td>
                <td data-label="State">
                  <strong className={link.state === "open" ? "tag" : "tag tag--grey"}>
                    {STATE_LABEL[link.state]}
                  </strong>
                </td>
                <td data-label="Concerns">{link.concerns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
