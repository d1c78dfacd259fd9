// School SSO (OpenID Connect): which provider an email domain leads to, and the school's
// provider settings for the administrator and the DSL team.
import { api } from "./client";

export type SsoProvider = "entra" | "google" | "oidc";

export interface SsoOffer {
  kind: SsoProvider;
  label: string;
  startUrl: string;
}

export interface SsoRules {
  provider: SsoProvider;
  issuer: string;
  clientId: string;
  tenantId: string | null;
  hostedDomain: string | null;
  emailDomains: string[];
  enabled: boolean;
  passwordsAllowed: boolean;
  providerMfaCounts: boolean;
}

export interface SsoSettings {
  redirectUri: string;
  sso: (SsoRules & { hasClientSecret: boolean; updatedAt: string }) | null;
}

/** A member of staff who signs in through the school's provider. */
export interface SsoLink {
  id: string;
  accountId: string;
  name: string;
  email: string;
  emailAtLink: string;
  linkedAt: string;
  lastUsedAt: string | null;
}

export const ssoApi = {
  discover: (email: string, signal?: AbortSignal) =>
    api.get<{ provider: SsoOffer | null }>(
      `/api/v1/sso/discover?email=${encodeURIComponent(email)}`,
      { signal },
    ),
  settings: (signal?: AbortSignal) => api.get<SsoSettings>("/api/v1/settings/sso", { signal }),
  save: (body: SsoRules & { clientSecret?: string }) =>
    api.put<SsoSettings>("/api/v1/settings/sso", body),
  links: (signal?: AbortSignal) =>
    api.get<{ items: SsoLink[] }>("/api/v1/settings/sso/identities", { signal }),
  unlink: (id: string) =>
    api.delete<void>(`/api/v1/settings/sso/identities/${encodeURIComponent(id)}`),
};
