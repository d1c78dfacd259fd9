// A small typed fetch client for Tessera's JSON API: same-origin cookies, the CSRF header on
// every request that changes something, and RFC 9457 problem details turned into ApiError.

/** One field that was not right, as the API reports it (`path` names the field). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details, the body of every API error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

/** The server answered, but not with success. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The last part of the problem type, such as "second-factor-required". */
  get kind(): string {
    return this.problem.type.split("/").pop() ?? "";
  }
}

/** The server could not be reached, or its answer could not be read. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NetworkError";
  }
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Someone who wants to hear about every error answer (the session: 401 and 423). */
export type ApiErrorListener = (error: ApiError, method: Method, path: string) => void;

const listeners = new Set<ApiErrorListener>();

/** Hears every ApiError before the caller does; returns a function that stops listening. */
export function onApiError(listener: ApiErrorListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * True for answers the whole app deals with, not the page that asked: 401 (the session has
 * ended: the app goes to sign-in) and 423 (the session is locked: the lock screen shows).
 * Pages show nothing more for these; what was typed stays where it is.
 */
export function isHandledByApp(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 423);
}

let csrfToken: string | undefined;

/** Remember the session's CSRF token (from sign-in or GET /api/v1/session); undefined forgets it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function isJson(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return /^application\/([a-z.+-]*\+)?json\b/i.test(type);
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === "string" && typeof candidate.status === "number";
}

async function toApiError(response: Response): Promise<ApiError> {
  if (isJson(response)) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        return new ApiError({ ...body, type: body.type ?? "about:blank", status: response.status });
      }
    } catch {
      // Fall through to a problem made from the status line.
    }
  }
  return new ApiError({
    type: "about:blank",
    title: response.statusText || "The request did not work",
    status: response.status,
  });
}

export interface RequestOptions {
  body?: unknown;
  /** A multipart form (file uploads) sent instead of a JSON body. */
  form?: FormData;
  signal?: AbortSignal;
  /** Extra request headers, such as Idempotency-Key. */
  headers?: Record<string, string>;
  /**
   * false: the app-wide listeners (sign out on 401, lock on 423) do not hear this call's
   * error; for background calls such as the header's alert count.
   */
  notify?: boolean;
}

/**
 * Calls the API and returns the parsed JSON body (undefined for 204 No Content).
 * Throws ApiError for an error answer and NetworkError when there is no usable answer.
 */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: "application/json" };
  // A form's Content-Type (with its boundary) is set by the browser.
  if (options.body !== undefined && !options.form) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      cache: "no-store",
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError("Tessera could not be reached.", { cause: error });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (options.notify !== false) {
      for (const listener of listeners) listener(error, method, path);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (!isJson(response)) {
    throw new NetworkError(`Tessera sent an answer that is not JSON (${path}).`);
  }
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new NetworkError(`Tessera sent an answer that could not be read (${path}).`, {
      cause: error,
    });
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "body">) =>
    request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "body">) =>
    request<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "body">) =>
    request<T>("PUT", path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "body">) =>
    request<T>("PATCH", path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
  upload: <T>(path: string, form: FormData, options?: Omit<RequestOptions, "body" | "form">) =>
    request<T>("POST", path, { ...options, form }),
  postForm: <T>(path: string, form: FormData, options?: Omit<RequestOptions, "body" | "form">) =>
    request<T>("POST", path, { ...options, form }),
};
