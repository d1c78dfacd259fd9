// RFC 9457 problem details: every error the API returns has this shape.
export const PROBLEM_BASE = "https://tessera.school/problems/";

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** Throw one of these from a route; the error handler turns it into problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }

  toBody(): ProblemBody {
    return {
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new Problem(400, "bad-request", "There is a problem with what was sent", detail, errors),
  notSignedIn: () =>
    new Problem(401, "not-signed-in", "You need to sign in", "Sign in to Tessera to continue."),
  forbidden: (detail = "You are not allowed to do this.") =>
    new Problem(403, "forbidden", "Not allowed", detail),
  /** API.md: elevated access without a second factor in the session is 403 of this type. */
  secondFactorRequired: (
    detail = "This needs the code from your authenticator app (or a security key) in this session.",
  ) => new Problem(403, "second-factor-required", "Enter your authenticator code first", detail),
  notFound: (detail = "There is nothing here, or you are not allowed to see it.") =>
    new Problem(404, "not-found", "Not found", detail),
  conflict: (detail: string) => new Problem(409, "conflict", "Someone else changed this", detail),
  unprocessable: (detail: string, errors?: FieldError[]) =>
    new Problem(422, "unprocessable", "This cannot be saved as it is", detail, errors),
};
