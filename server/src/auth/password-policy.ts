// The password rule: length first (at least 12 characters, or the school's stricter
// minimum), and never a common or breached password, checked against the list shipped
// with the app (offline). Everything else is advice — shown while typing, never a block
// (WCAG 2.2 SC 3.3.8: password managers and paste must work).
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});
const commonPasswords = new Set(common.dictionary["passwords-common"].map((p) => p.toLowerCase()));

export interface PasswordVerdict {
  /** Reasons the password cannot be used (empty: it can). */
  problems: string[];
  /** 0 (very weak) to 4 (strong): advice only. */
  score: number;
  /** Plain-English advice while typing. */
  advice: string[];
}

export function checkNewPassword(
  password: string,
  options: { minLength?: number; personal?: string[] } = {},
): PasswordVerdict {
  const minLength = Math.max(MIN_PASSWORD_LENGTH, options.minLength ?? 0);
  const problems: string[] = [];
  const length = [...password].length;
  if (length < minLength) {
    problems.push(`Use at least ${minLength} characters (this has ${length}).`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push(`Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  const personal = (options.personal ?? []).filter((p) => p.length >= 3);
  const result = zxcvbn.check(password.slice(0, 100), personal);
  const lower = password.toLowerCase();
  // One match covering the whole password: a single common password, word, keyboard
  // run, repeat or sequence, however long ("aaaaaaaaaaaa", "qwertyuiop12" is not).
  const whole = result.sequence.length === 1 && result.sequence[0]?.pattern !== "bruteforce";
  // Score 0–1 means fewer than a million guesses: as good as on a breached list.
  const guessable = length >= minLength && (whole || result.score < 2);
  if (commonPasswords.has(lower) || guessable) {
    problems.push(
      "This password is too easy to guess: it is a common password or a simple pattern. Try three or four random words.",
    );
  }
  if (personal.some((p) => lower.includes(p.toLowerCase()))) {
    problems.push("Do not use your name or email address in your password.");
  }
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
  return { problems, score: result.score, advice };
}
