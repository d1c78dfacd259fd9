import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { Problem, problems } from "./problem.ts";

const PROBLEM_JSON = "application/problem+json; charset=utf-8";

/** Every error leaves as problem details; 5xx details stay in the log, never the reply. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      problem = problems.badRequest(
        "Some of what was sent is not right.",
        error.validation.map((v) => ({
          path:
            (v.params as { issue?: { path?: PropertyKey[] } }).issue?.path?.join(".") ||
            // A JSON pointer, written the way the issue paths are ("holidays.2.to").
            v.instancePath
              .replace(/^\//, "")
              .replaceAll("/", "."),
          message: v.message ?? "is not valid",
        })),
      );
    } else if (error.statusCode && error.statusCode < 500) {
      const status = error.statusCode;
      const slug =
        status === 413
          ? "too-large"
          : status === 415
            ? "unsupported-type"
            : status === 429
              ? "rate-limited"
              : "bad-request";
      problem = new Problem(status, slug, titleFor(status), error.message);
    } else {
      request.log.error({ err: error }, "request failed");
      problem = new Problem(
        500,
        "internal",
        "Something went wrong",
        "Nothing you sent was lost. Try again; if it keeps happening, tell your administrator.",
      );
    }
    return reply.status(problem.status).type(PROBLEM_JSON).send(problem.toBody());
  });
}

function titleFor(status: number): string {
  switch (status) {
    case 401:
      return "You need to sign in";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 413:
      return "Too large";
    case 415:
      return "This kind of file cannot be accepted";
    case 429:
      return "Too many attempts";
    default:
      return "There is a problem with what was sent";
  }
}
