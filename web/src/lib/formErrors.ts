// Form problems after the GOV.UK pattern: each field's message shown beside it, and every
// message listed in the error summary at the top, linking to its field. Also turns a failed
// API call into those messages.
import { ApiError, NetworkError } from "../api/client";
import type { SummaryError } from "../components/ErrorSummary/ErrorSummary";

export interface FormErrors<F extends string> {
  /** The message beside each field (several reasons are joined into one). */
  fields: Partial<Record<F, string>>;
  /** Everything, in the order shown at the top. */
  summary: SummaryError[];
}

export const GENERAL_MESSAGES = {
  unreachable: "Tessera could not be reached. Check your internet connection, then try again.",
  serverFault: "Something went wrong in Tessera. Try again in a few minutes.",
  tooMany: "There have been too many attempts. Wait a few minutes, then try again.",
} as const;

export function noErrors<F extends string>(): FormErrors<F> {
  return { fields: {}, summary: [] };
}

export function hasErrors(errors: FormErrors<string>): boolean {
  return errors.summary.length > 0;
}

/** Errors for the given fields, in form order; `ids` are the inputs' ids. */
export function fieldErrors<F extends string>(
  messages: Partial<Record<F, string | string[]>>,
  ids: Record<F, string>,
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  const summary: SummaryError[] = [];
  for (const field of Object.keys(ids) as F[]) {
    const value = messages[field];
    const list = (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
    if (list.length === 0) continue;
    fields[field] = list.join(" ");
    for (const message of list) summary.push({ message, fieldId: ids[field] });
  }
  return { fields, summary };
}

/** A message for the whole form, not one field. */
export function formError<F extends string>(message: string, fieldId?: string): FormErrors<F> {
  return { fields: {}, summary: [{ message, fieldId }] };
}

/**
 * Words for a failed call: the server's field errors beside their fields (matched by the
 * last part of `path`), otherwise one message for the whole form.
 */
export function errorsFromFailure<F extends string>(
  error: unknown,
  ids: Record<F, string>,
): FormErrors<F> {
  if (error instanceof NetworkError) return formError(GENERAL_MESSAGES.unreachable);
  if (!(error instanceof ApiError)) return formError(GENERAL_MESSAGES.serverFault);
  const { problem } = error;
  if (problem.status === 429) return formError(problem.detail ?? GENERAL_MESSAGES.tooMany);
  if (problem.status >= 500) return formError(GENERAL_MESSAGES.serverFault);
  const messages: Partial<Record<F, string[]>> = {};
  for (const item of problem.errors ?? []) {
    const name = item.path.split(/[./]/).pop() ?? "";
    if (Object.hasOwn(ids, name)) {
      const field = name as F;
      messages[field] = [...(messages[field] ?? []), item.message];
    }
  }
  const result = fieldErrors(messages, ids);
  if (hasErrors(result)) return result;
  return formError(problem.detail ?? problem.title);
}
