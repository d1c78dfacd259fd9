// The school's own sign-in (SSO) through Microsoft Entra ID, Google Workspace or another
// OpenID Connect provider: what to register at the provider, the provider's details, and
// the two rules (are passwords still allowed; does the provider's MFA count).
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { type SsoProvider, type SsoSettings, ssoApi } from "../../api/sso";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary, type SummaryError } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import "./settings.css";
import { SsoLinks } from "./SsoLinks";

const TITLE = "Sign in with your school's accounts";

const PROVIDERS: { value: SsoProvider; label: string; issuer: string }[] = [
  {
    value: "entra",
    label: "Microsoft Entra ID (Microsoft 365)",
    issuer: "https://login.microsoftonline.com/<tenant id>/v2.0",
  },
  { value: "google", label: "Google Workspace", issuer: "https://accounts.google.com" },
  { value: "oidc", label: "Another OpenID Connect provider", issuer: "" },
];

interface Form {
  provider: SsoProvider;
  issuer: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  hostedDomain: string;
  emailDomains: string;
  enabled: boolean;
  passwordsAllowed: boolean;
  providerMfaCounts: boolean;
}

const toForm = (s: SsoSettings["sso"]): Form => ({
  provider: s?.provider ?? "entra",
  issuer: s?.issuer ?? "",
  clientId: s?.clientId ?? "",
  clientSecret: "",
  tenantId: s?.tenantId ?? "",
  hostedDomain: s?.hostedDomain ?? "",
  emailDomains: (s?.emailDomains ?? []).join(", "),
  enabled: s?.enabled ?? true,
  passwordsAllowed: s?.passwordsAllowed ?? true,
  providerMfaCounts: s?.providerMfaCounts ?? false,
});

const FIELD_IDS = {
  provider: "sso-provider-entra",
  issuer: "sso-issuer",
  clientId: "sso-client-id",
  clientSecret: "sso-client-secret",
  tenantId: "sso-tenant-id",
  hostedDomain: "sso-hosted-domain",
  emailDomains: "sso-email-domains",
  enabled: "sso-enabled",
  passwordsAllowed: "sso-passwords-allowed",
  providerMfaCounts: "sso-mfa-counts",
} as const;
type Field = keyof typeof FIELD_IDS;
const fieldIdFor = (path: string): string | undefined =>
  (FIELD_IDS as Record<string, string | undefined>)[path.split(/[./]/)[0] ?? ""];

export function SsoSettingsPage() {
  usePageTitle(TITLE);
  const [settings, setSettings] = useState<SsoSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [failed, setFailed] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    ssoApi
      .settings(controller.signal)
      .then((s) => {
        setSettings(s);
        setForm(toForm(s.sso));
      })
      .catch((error) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(
          error instanceof ApiError && error.status === 403
            ? "Only the administrator and the DSL team can see these settings."
            : GENERAL_MESSAGES.unreachable,
        );
      });
    return () => controller.abort();
  }, []);

  if (failed) {
    return (
      <div className="reading-width">
        <PageHeading>{TITLE}</PageHeading>
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      </div>
    );
  }
  if (!form || !settings) return <Loading />;

  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const message = (field: Field) => errors.find((e) => e.fieldId === FIELD_IDS[field])?.message;

  function fail(list: SummaryError[]) {
    setErrors(list);
    setFocusKey((k) => k + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setNotice("");
    const list: SummaryError[] = [];
    if (!form.issuer.trim())
      list.push({ message: "Enter the provider's issuer address.", fieldId: FIELD_IDS.issuer });
    if (!form.clientId.trim())
      list.push({
        message: "Enter the client id the provider gave Tessera.",
        fieldId: FIELD_IDS.clientId,
      });
    if (form.provider === "entra" && !form.tenantId.trim())
      list.push({ message: "Enter your tenant id.", fieldId: FIELD_IDS.tenantId });
    if (form.provider === "google" && !form.hostedDomain.trim())
      list.push({
        message: "Enter your Google Workspace domain.",
        fieldId: FIELD_IDS.hostedDomain,
      });
    if (list.length > 0) return fail(list);
    setBusy(true);
    try {
      const saved = await ssoApi.save({
        provider: form.provider,
        issuer: form.issuer.trim(),
        clientId: form.clientId.trim(),
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        tenantId: form.tenantId.trim() || null,
        hostedDomain: form.hostedDomain.trim() || null,
        emailDomains: form.emailDomains
          .split(/[\s,]+/)
          .map((d) => d.trim())
          .filter(Boolean),
        enabled: form.enabled,
        passwordsAllowed: form.passwordsAllowed,
        providerMfaCounts: form.providerMfaCounts,
      });
      setSettings(saved);
      setForm(toForm(saved.sso));
      setErrors([]);
      setNotice("Saved. The next sign-in uses these settings.");
    } catch (error) {
      if (isHandledByApp(error)) return;
      if (error instanceof ApiError && error.status < 500) {
        const fromServer = (error.problem.errors ?? []).map((e) => {
          const fieldId = fieldIdFor(e.path);
          return fieldId ? { message: e.message, fieldId } : { message: e.message };
        });
        fail(
          fromServer.length
            ? fromServer
            : [{ message: error.problem.detail ?? error.problem.title }],
        );
      } else fail([{ message: GENERAL_MESSAGES.unreachable }]);
    } finally {
      setBusy(false);
    }
  }

  const example = PROVIDERS.find((p) => p.value === form.provider)?.issuer;

  return (
    <div className="reading-width">
      <PageHeading>{TITLE}</PageHeading>
      <p>
        Staff can sign in to Tessera with the Microsoft or Google account your school already gives
        them. Register Tessera with your provider as a web application first.
      </p>
      <dl className="settings__facts">
        <dt>Redirect address to register</dt>
        <dd>
          <code>{settings.redirectUri}</code>
        </dd>
        <dt>Scopes Tessera asks for</dt>
        <dd>
          <code>openid email profile</code>
        </dd>
      </dl>
      {notice && <output className="notice notice--success">{notice}</output>}
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form noValidate onSubmit={onSubmit}>
        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Provider</legend>
            {PROVIDERS.map((p) => (
              <div className="radio" key={p.value}>
                <input
                  className="radio__input"
                  type="radio"
                  id={`sso-provider-${p.value}`}
                  name="provider"
                  checked={form.provider === p.value}
                  onChange={() => update({ provider: p.value })}
                />
                <label className="radio__label" htmlFor={`sso-provider-${p.value}`}>
                  {p.label}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <TextInput
          id={FIELD_IDS.issuer}
          label="Issuer address"
          hint={example ? `For example ${example}` : "The provider's https:// issuer address."}
          spellCheck={false}
          autoCapitalize="none"
          value={form.issuer}
          error={message("issuer")}
          onChange={(event) => update({ issuer: event.target.value })}
        />
        <TextInput
          id={FIELD_IDS.clientId}
          label="Client id (application id)"
          spellCheck={false}
          autoCapitalize="none"
          value={form.clientId}
          error={message("clientId")}
          onChange={(event) => update({ clientId: event.target.value })}
        />
        <TextInput
          id={FIELD_IDS.clientSecret}
          label="Client secret"
          type="password"
          autoComplete="off"
          hint={
            settings.sso?.hasClientSecret
              ? "A secret is stored (never shown). Leave this empty to keep it."
              : "Stored encrypted; it is never shown again."
          }
          value={form.clientSecret}
          error={message("clientSecret")}
          onChange={(event) => update({ clientSecret: event.target.value })}
        />
        {form.provider === "entra" && (
          <TextInput
            id={FIELD_IDS.tenantId}
            label="Directory (tenant) id"
            hint="Only accounts from this tenant can sign in."
            spellCheck={false}
            value={form.tenantId}
            error={message("tenantId")}
            onChange={(event) => update({ tenantId: event.target.value })}
          />
        )}
        {form.provider === "google" && (
          <TextInput
            id={FIELD_IDS.hostedDomain}
            label="Google Workspace domain"
            hint="Only accounts of this domain can sign in, for example school.org.uk."
            spellCheck={false}
            autoCapitalize="none"
            value={form.hostedDomain}
            error={message("hostedDomain")}
            onChange={(event) => update({ hostedDomain: event.target.value })}
          />
        )}
        <TextInput
          id={FIELD_IDS.emailDomains}
          label="Staff email domains"
          hint="Separate several with commas. Someone who types an address at one of these on the sign-in page is offered your school's sign-in."
          spellCheck={false}
          autoCapitalize="none"
          value={form.emailDomains}
          error={message("emailDomains")}
          onChange={(event) => update({ emailDomains: event.target.value })}
        />
        <Checkbox
          id={FIELD_IDS.enabled}
          label="Staff can sign in with the school's accounts"
          checked={form.enabled}
          error={message("enabled")}
          onChange={(event) => update({ enabled: event.target.checked })}
        />
        <Checkbox
          id={FIELD_IDS.passwordsAllowed}
          label="Staff can still sign in with a Tessera password (administrators always can)"
          checked={form.passwordsAllowed}
          error={message("passwordsAllowed")}
          onChange={(event) => update({ passwordsAllowed: event.target.checked })}
        />
        <Checkbox
          id={FIELD_IDS.providerMfaCounts}
          label="The provider's multi-factor check counts as Tessera's second factor"
          checked={form.providerMfaCounts}
          error={message("providerMfaCounts")}
          onChange={(event) => update({ providerMfaCounts: event.target.checked })}
        />
        <div className="button-group">
          <Button type="submit" disabled={busy}>
            Save settings
          </Button>
        </div>
      </form>
      {settings.sso && <SsoLinks />}
    </div>
  );
}
