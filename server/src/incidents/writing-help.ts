// Writing help (PRODUCT.md capability 13): gentle prompts while staff type, drawn from
// the seed policies' advice on factual recording. Advice, never a block. The lists are
// data: a school adds its own words in its settings (writingHelp).
export const DEFAULT_WRITING_HELP = {
  // Opinion and judgement words: say what was seen and heard instead.
  opinionWords: [
    "rude",
    "aggressive",
    "stormed off",
    "as per usual",
    "as usual",
    "surprisingly",
    "naughty",
    "attitude",
    "kicked off",
    "lying",
    "attention seeking",
    "attention-seeking",
    "manipulative",
    "defiant",
    "horrible",
    "nasty",
    "silly",
    "hysterical",
    "dramatic",
    "obviously",
    "clearly",
    "typical",
    "apparently",
    "weird",
    "strange",
    "disgusting",
  ],
  // Sweeping words: give the particular time and what happened.
  sweepingWords: ["always", "never", "constantly", "every time", "all the time", "inappropriate"],
  // Words that suggest nothing was done, or a guess about time.
  vagueTimeWords: ["earlier", "recently", "the other day", "at some point", "a while ago"],
} as const;

export interface WritingHelpLists {
  opinionWords: string[];
  sweepingWords: string[];
  vagueTimeWords: string[];
}

export function writingHelpFor(extra: Partial<WritingHelpLists> | undefined): WritingHelpLists {
  const merge = (base: readonly string[], more: string[] | undefined) => [
    ...new Set([...base, ...(more ?? [])].map((w) => w.toLowerCase().trim()).filter(Boolean)),
  ];
  return {
    opinionWords: merge(DEFAULT_WRITING_HELP.opinionWords, extra?.opinionWords),
    sweepingWords: merge(DEFAULT_WRITING_HELP.sweepingWords, extra?.sweepingWords),
    vagueTimeWords: merge(DEFAULT_WRITING_HELP.vagueTimeWords, extra?.vagueTimeWords),
  };
}
