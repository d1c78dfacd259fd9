// The session endpoints (API.md "Sign in"): signing in and out, the second factor, the idle
// lock, the school's agreement, the person's password, authenticator and sessions.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import { api } from "./client";

/** A security key or passkey registered as a second factor. */
export interface SecurityKey {
  id: string;
  name: string;
  /** Signs in without a password (older servers leave it out). */
  passkey?: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** Role names in the current school, such as "class_teacher" (see lib/roles.ts). */
  roles: string[];
  /** Roles across the trust, such as "trust_dsl". */
  trustRoles: string[];
  /** What this person may do in the current school (see lib/permissions.ts). */
  permissions: string[];
}

export interface SchoolSummary {
  id: string;
  name: string;
}

/**
 * "none": no authenticator app is set up; "required": one is, and this session has not had
 * a code from it yet; "satisfied": this session has.
 */
export type SecondFactorState = "none" | "required" | "satisfied";

/** What the page needs to know about the current school to behave. */
export interface SchoolBehaviour {
  idleLockMinutes: number;
  hideScreenReturn: "click" | "password";
  pupilNoun: string;
  /** The school takes photos of marks on the body map (older servers leave it out). */
  bodyMapPhotos?: boolean;
}

/** The body of POST /api/v1/session and GET /api/v1/session. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
  secondFactor: SecondFactorState;
  /**
   * Whether an authenticator app is set up. "required" without one means the person's role
   * needs one and it is not set up yet. Older servers leave it out (see hasAuthenticator).
   */
  secondFactorEnrolled?: boolean;
  /** An authenticator app is set up (older servers leave it out). */
  authenticatorApp?: boolean;
  /** How many security keys or passkeys are registered. */
  securityKeys?: number;
  schools: SchoolSummary[];
  currentSchoolId: string | null;
  /** The page locked itself after idling; only unlock and sign out work. */
  locked: boolean;
  /** The school's agreement (its current version) is not accepted yet. */
  agreementRequired: boolean;
  /** The school asks for recorded training first. */
  trainingRequired: boolean;
  school: SchoolBehaviour;
}

export interface Agreement {
  version: string;
  /** Paragraphs separated by blank lines. */
  text: string;
  accepted: boolean;
}

export interface PasswordAdvice {
  /** Reasons the password cannot be used; empty when it can. */
  problems: string[];
  /** 0 (very weak) to 4 (strong). */
  score: number;
  advice: string[];
}

export interface AuthenticatorEnrolment {
  secret: string;
  otpauthUri: string;
  /** The QR code of otpauthUri, as SVG text. */
  qrSvg: string;
}

export interface SessionListItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

/** A browser this account has fully signed in from (a new one emails the owner). */
export interface KnownDevice {
  id: string;
  /** "Chrome on Windows" */
  userAgent: string;
  firstSeenAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** Whether the person has an authenticator app set up. */
export function hasAuthenticator(session: Session): boolean {
  return session.secondFactorEnrolled ?? session.secondFactor !== "none";
}

const SESSION = "/api/v1/session";

export const sessionApi = {
  current: (signal?: AbortSignal) => api.get<Session>(SESSION, { signal }),
  signIn: (email: string, password: string) => api.post<Session>(SESSION, { email, password }),
  signOut: () => api.delete<void>(SESSION),
  switchSchool: (schoolId: string) => api.put<Session>(`${SESSION}/school`, { schoolId }),
  secondFactor: (code: string) => api.post<Session>(`${SESSION}/second-factor`, { code }),
  securityKeys: (signal?: AbortSignal) =>
    api.get<{ items: SecurityKey[] }>(`${SESSION}/security-keys`, { signal }),
  securityKeyOptions: (passkey = false) =>
    api.post<PublicKeyCredentialCreationOptionsJSON>(`${SESSION}/security-keys/options`, {
      passkey,
    }),
  addSecurityKey: (name: string, response: RegistrationResponseJSON, passkey = false) =>
    api.post<SecurityKey>(`${SESSION}/security-keys`, { name, response, passkey }),
  // Passwordless sign-in: a refusal is the sign-in page's business, not the app's.
  passkeyOptions: () =>
    api.post<PublicKeyCredentialRequestOptionsJSON>(`${SESSION}/passkey/options`, undefined, {
      notify: false,
    }),
  passkeySignIn: (response: AuthenticationResponseJSON) =>
    api.post<Session>(`${SESSION}/passkey`, { response }, { notify: false }),
  devices: (signal?: AbortSignal) =>
    api.get<{ items: KnownDevice[] }>(`${SESSION}/devices`, { signal }),
  forgetDevice: (id: string) => api.delete<void>(`${SESSION}/devices/${encodeURIComponent(id)}`),
  removeSecurityKey: (id: string, password: string) =>
    api.delete<void>(`${SESSION}/security-keys/${encodeURIComponent(id)}`, { body: { password } }),
  keyOptions: () =>
    api.post<PublicKeyCredentialRequestOptionsJSON>(`${SESSION}/second-factor/key/options`),
  secondFactorKey: (response: AuthenticationResponseJSON) =>
    api.post<Session>(`${SESSION}/second-factor/key`, { response }),
  recoveryCode: (code: string) => api.post<Session>(`${SESSION}/recovery-code`, { code }),
  lock: () => api.post<void>(`${SESSION}/lock`),
  unlock: (password: string) => api.post<Session>(`${SESSION}/unlock`, { password }),
  unlockKeyOptions: () =>
    api.post<PublicKeyCredentialRequestOptionsJSON>(`${SESSION}/unlock/key/options`),
  unlockWithKey: (response: AuthenticationResponseJSON) =>
    api.post<Session>(`${SESSION}/unlock/key`, { response }),
  startAuthenticator: () => api.post<AuthenticatorEnrolment>(`${SESSION}/totp`),
  confirmAuthenticator: (code: string) =>
    api.post<{ recoveryCodes: string[]; session: Session }>(`${SESSION}/totp/confirm`, { code }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.put<void>(`${SESSION}/password`, { currentPassword, newPassword }),
  askForReset: (email: string) =>
    api.post<{ message: string }>("/api/v1/password-reset", { email }, { notify: false }),
  openReset: (token: string, signal?: AbortSignal) =>
    api.get<{ email: string; expiresAt: string }>(
      `/api/v1/password-reset/${encodeURIComponent(token)}`,
      { signal, notify: false },
    ),
  reset: (token: string, password: string) =>
    api.post<void>(
      `/api/v1/password-reset/${encodeURIComponent(token)}`,
      { password },
      { notify: false },
    ),
  checkPassword: (password: string, email: string | undefined, signal?: AbortSignal) =>
    api.post<PasswordAdvice>("/api/v1/password-check", { password, email }, { signal }),
  agreement: (signal?: AbortSignal) => api.get<Agreement>("/api/v1/agreement", { signal }),
  acceptAgreement: (version: string) => api.post<void>("/api/v1/agreement", { version }),
  sessions: (signal?: AbortSignal) =>
    api.get<{ items: SessionListItem[] }>("/api/v1/sessions", { signal }),
  endSession: (id: string) => api.delete<void>(`/api/v1/sessions/${encodeURIComponent(id)}`),
};
