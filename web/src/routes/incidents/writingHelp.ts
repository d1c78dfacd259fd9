// Gentle prompts about the words of an account (seed 002 "How to record an incident"): facts,
// not opinions; when; what was done; the child's own words. Never blocks anything.
import type { IncidentForm } from "../../api/incidents";

export interface WritingPrompt {
  /** Stable per kind and word, so a dismissed prompt stays dismissed while typing. */
  key: string;
  message: string;
}

const ACTION_WORDS = [
  "told",
  "informed",
  "called",
  "rang",
  "spoke",
  "asked",
  "reassured",
  "took",
  "sent",
  "reported",
  "alerted",
  "logged",
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function findWords(text: string, words: string[]): string[] {
  const found: string[] = [];
  for (const word of words) {
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}'-])${escapeRegExp(word)}(?=$|[^\\p{L}\\p{N}'-])`,
      "iu",
    );
    if (pattern.test(text)) found.push(word);
  }
  return found;
}

const quote = (words: string[]) => words.map((word) => `“${word}”`).join(", ");

export function writingPrompts(
  text: string,
  help: IncidentForm["writingHelp"] | undefined,
  safeguarding: boolean,
): WritingPrompt[] {
  if (text.trim().length < 3) return [];
  const prompts: WritingPrompt[] = [];
  if (help) {
    const opinions = findWords(text, help.opinionWords);
    if (opinions.length > 0) {
      prompts.push({
        key: `opinion:${opinions.join("|").toLowerCase()}`,
        message: `${quote(opinions)} ${opinions.length === 1 ? "is an opinion" : "are opinions"}. Say what you saw and heard instead, so a reader can judge for themselves.`,
      });
    }
    const sweeping = findWords(text, help.sweepingWords);
    if (sweeping.length > 0) {
      prompts.push({
        key: `sweeping:${sweeping.join("|").toLowerCase()}`,
        message: `${quote(sweeping)} ${sweeping.length === 1 ? "is a sweeping word" : "are sweeping words"}. Describe this time, and give other dates if you know them.`,
      });
    }
    const vague = findWords(text, help.vagueTimeWords);
    if (vague.length > 0) {
      prompts.push({
        key: `vague:${vague.join("|").toLowerCase()}`,
        message: `${quote(vague)} does not say when. Give the day and time if you can.`,
      });
    }
  }
  const capitals = [...new Set(text.match(/\b[A-Z]{3,}\b/g) ?? [])];
  if (capitals.length > 0) {
    prompts.push({
      key: `capitals:${capitals.join("|")}`,
      message: `${quote(capitals)} ${capitals.length === 1 ? "is" : "are"} in capitals, which reads as shouting. Use ordinary letters; if someone shouted, say so.`,
    });
  }
  const marks = [...new Set(text.match(/[!?]{2,}/g) ?? [])];
  if (marks.length > 0) {
    prompts.push({
      key: `marks:${marks.join("|")}`,
      message: `${quote(marks)}: repeated punctuation adds feeling, not facts. One full stop is enough.`,
    });
  }
  const initials = [
    ...new Set(text.match(/\b[A-Z]\.\s?[A-Z]\.?(?![\p{L}])|\b[A-Z]{2}\b/gu) ?? []),
  ].filter(
    (item) => item !== "OK" && item !== "PE" && item !== "TA" && item !== "AM" && item !== "PM",
  );
  if (initials.length > 0) {
    prompts.push({
      key: `initials:${initials.join("|")}`,
      message: `${quote(initials)} may be a pupil’s initials. If another child was involved, add them under “Linked pupils” so their name can be kept out of copies shared outside school.`,
    });
  }
  if (!/\d\s?[:.]\s?\d|\d\s?(am|pm)\b|\b(am|pm)\b|o['’]clock/i.test(text)) {
    prompts.push({
      key: "no-time",
      message:
        "The account does not say what time it happened. Add the time (for example 10:40) if you know it.",
    });
  }
  if (findWords(text, ACTION_WORDS).length === 0) {
    prompts.push({
      key: "no-action",
      message:
        "The account does not say what you did next (for example who you told or how you reassured the child). Add it if you did something.",
    });
  }
  if (safeguarding && !/["“”„«»]|(^|\s)'[^']+'/.test(text)) {
    prompts.push({
      key: "no-quotes",
      message:
        "For a safeguarding concern, write what the child said in their own words, in quotation marks.",
    });
  }
  return prompts;
}
