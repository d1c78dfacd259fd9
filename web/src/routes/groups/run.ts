// One change on the Groups and alert rules page: the server's field errors go back to the
// form that sent it (beside its fields), anything else to the top of the page.
import { ApiError } from "../../api/client";
import { GENERAL_MESSAGES } from "../../lib/formErrors";

export type FieldErrors = Record<string, string>;
export type Run = (action: () => Promise<unknown>, done: string) => Promise<FieldErrors | true>;

/** The field errors of a refused change, or a page message. */
export function errorsOf(error: unknown): { fields: FieldErrors; page?: string } {
  if (error instanceof ApiError && error.status < 500) {
    const fields: FieldErrors = {};
    for (const e of error.problem.errors ?? []) fields[e.path] ??= e.message;
    if (Object.keys(fields).length > 0) return { fields };
    return { fields, page: error.problem.detail ?? error.problem.title };
  }
  return { fields: {}, page: GENERAL_MESSAGES.unreachable };
}
