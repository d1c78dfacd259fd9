// The accounts of demo incidents: what staff write, in the way the seed policies ask —
// what was seen and heard, when and where, what the child said in their own words (in
// quotes), what was done, and no opinions. Each template names its categories (by the
// default taxonomy's names), who writes it, when in the day it happens, where, and how
// it varies. generate-incidents.ts fills them in.
import type { MARK_TYPES } from "../incidents/body-map.ts";

/** Where a template belongs in a child's history. */
export type Pool = "everyday" | "concern" | "send" | "early" | "cin" | "cp" | "cla";

/** What a long history is mostly about. */
export type Theme = "neglect" | "domestic" | "physical" | "behaviour" | "emotional" | "care";

/**
 * Who writes it: the class's teacher or teaching assistant at the time, a teaching
 * assistant, whoever was on duty at play, or a role holder.
 */
export type AuthorKind =
  | "class"
  | "teacher"
  | "ta"
  | "duty"
  | "sendco"
  | "pastoral"
  | "head"
  | "dsl";

/** When in the day it happens ("home": an evening or weekend before a school day). */
export type When =
  | "breakfast"
  | "lesson"
  | "break"
  | "lunch"
  | "play"
  | "arrival"
  | "pickup"
  | "day"
  | "meeting"
  | "home";

export type MarkType = (typeof MARK_TYPES)[number];

export interface MarkSpec {
  chance: number;
  /** [body map region, how the account names it] */
  regions: readonly (readonly [string, string])[];
  types: readonly MarkType[];
  /** Approximate size in cm. */
  sizes: readonly [number, number];
  notes: readonly string[];
}

export interface MarkText {
  type: string;
  region: string;
  /** "3 cm" */
  size: string;
  note: string;
}

export interface TemplateContext {
  /** The child's first name (the name they go by). */
  name: string;
  he: string;
  him: string;
  his: string;
  He: string;
  His: string;
  /** The first linked child, and all of them ("Ava and Leo"). */
  other: string;
  otherHe: string;
  otherHim: string;
  otherHis: string;
  others: string;
  /** The time it happened ("10:40") and a time some minutes later. */
  time: string;
  later(minutes: number): string;
  /** The weekday and date it happened ("Saturday", "14 March"). */
  day: string;
  date: string;
  /** The place, as a sentence names it ("the KS2 playground" without "the"). */
  place: string;
  /** Who the child lives with and talks about: "mum", "Mum" … */
  carer: string;
  Carer: string;
  carerHe: string;
  carerHim: string;
  carerHis: string;
  /** Another member of staff, and a DSL (full names). */
  colleague: string;
  dsl: string;
  /** The first mark of the body map, when there is one. */
  mark: MarkText | null;
  /** The category of abuse a plan would name, for this child's history. */
  abuse: string;
  /** A percentage with one decimal place, e.g. an attendance figure. */
  percent(min: number, max: number): string;
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
}

export interface IncidentTemplate {
  key: string;
  pool: Pool;
  /** Long histories of these themes draw it more often. */
  themes?: readonly Theme[];
  /** Only for these histories (or, in the concern pool, rarely for anyone else). */
  themeOnly?: boolean;
  /** Only for children with these needs. */
  needs?: "send" | "asthma";
  by: AuthorKind;
  /** [category, subcategory]: the subcategory and usually its category; null: the category alone. */
  categories: readonly (readonly [string, string | null])[];
  when: When;
  places: readonly string[];
  /** How many other children it names (linked pupils). */
  linked?: 1 | 2;
  bodyMap?: MarkSpec;
  /** Agencies by the default list's names. */
  agencies?: readonly string[];
  /** How often the author says they told a DSL in person. */
  toldDsl?: number;
  /** Also recorded for brothers and sisters in the school (home matters, family meetings). */
  family?: boolean;
  /** How often it is closed when written. */
  closed: number;
  /** The national curriculum years it suits (at the time). */
  ncy?: readonly [number, number];
  weight?: number;
  text(c: TemplateContext): string;
}

const PLAYGROUNDS = ["KS1 playground", "KS2 playground", "School field", "Trim trail"];
const CLASSROOM = ["Classroom"];

const ARMS_AND_LEGS: readonly (readonly [string, string])[] = [
  ["Left upper arm", "left upper arm"],
  ["Right upper arm", "right upper arm"],
  ["Left forearm", "left forearm"],
  ["Right forearm", "right forearm"],
  ["Back of left thigh", "left thigh"],
  ["Back of right thigh", "right thigh"],
  ["Left shin", "left shin"],
  ["Right shin", "right shin"],
];
const TRUNK_AND_FACE: readonly (readonly [string, string])[] = [
  ["Upper back", "upper back"],
  ["Lower back", "lower back"],
  ["Face", "cheek"],
  ["Neck (back)", "neck"],
  ["Left ear", "left ear"],
  ["Left wrist", "left wrist"],
  ["Right wrist", "right wrist"],
];
const KNEES_AND_HANDS: readonly (readonly [string, string])[] = [
  ["Left knee", "left knee"],
  ["Right knee", "right knee"],
  ["Left hand", "left hand"],
  ["Right hand", "right hand"],
  ["Left forearm", "left elbow"],
];

const BRUISES: MarkSpec = {
  chance: 1,
  regions: [...ARMS_AND_LEGS, ...TRUNK_AND_FACE],
  types: ["Bruise", "Bruise", "Bruise", "Redness", "Mark (other)"],
  sizes: [1, 6],
  notes: [
    "purple in the middle, yellow at the edges",
    "bluish, oval",
    "three small round marks in a row",
    "red, raised",
    "faded yellow-green",
    "a straight line with a clear edge",
  ],
};

const quote = (text: string) => `"${text}"`;

export const TEMPLATES: readonly IncidentTemplate[] = [
  // ——— Everyday: first aid, behaviour, friendships, home contact, attendance ———
  {
    key: "graze-at-play",
    pool: "everyday",
    by: "duty",
    categories: [["Medical", "Accident / injury in school"]],
    when: "play",
    places: PLAYGROUNDS,
    bodyMap: {
      chance: 0.3,
      regions: KNEES_AND_HANDS,
      types: ["Graze"],
      sizes: [1, 4],
      notes: ["bleeding a little, cleaned", "surface graze with grit in it, cleaned"],
    },
    closed: 0.92,
    weight: 3,
    text: (c) =>
      `${c.name} tripped while running on the ${c.place} at ${c.time} and grazed ${c.his} ${c.mark?.region ?? c.pick(["right knee", "left knee", "hands", "elbow"])}. The graze was cleaned with water and a plaster put on. ${c.name} said ${quote(c.pick(["it stings", "I'm okay now", "I want to go back and play"]))} and went back to play after ${c.pick(["five", "ten"])} minutes. Written in the first aid book.`,
  },
  {
    key: "head-bump",
    pool: "everyday",
    by: "duty",
    categories: [["Medical", "Accident / injury in school"]],
    when: "play",
    places: PLAYGROUNDS,
    closed: 0.9,
    weight: 2,
    text: (c) =>
      `At ${c.time} ${c.name} ${c.pick(["bumped heads with another child during a game of tag", `hit the back of ${c.his} head on the climbing frame`, "ran into the fence while looking behind"])}. There was a red raised mark about ${c.int(1, 3)} cm across on ${c.his} forehead. A cold compress was held on it for ten minutes and ${c.name} was checked again at ${c.later(30)}: no sickness or dizziness, and ${c.he} said ${quote("it doesn't hurt now")}. Head bump note sent home and ${c.carer} told by text at ${c.later(40)}.`,
  },
  {
    key: "nosebleed",
    pool: "everyday",
    by: "class",
    categories: [["Medical", "General medical"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.95,
    text: (c) =>
      `${c.name} had a nosebleed at ${c.time} during ${c.pick(["a maths lesson", "guided reading", "the afternoon session"])}. ${c.He} sat leaning forward and pinched the soft part of ${c.his} nose; the bleeding stopped after about ten minutes. There was blood on ${c.his} shirt, so a spare one was given from the office. ${c.Carer} told at home time.`,
  },
  {
    key: "asthma",
    pool: "everyday",
    needs: "asthma",
    by: "class",
    categories: [["Medical", "Medication (e.g. EpiPen, asthma)"]],
    when: "lesson",
    places: ["School hall", "School field"],
    closed: 0.95,
    ncy: [1, 13],
    weight: 4,
    text: (c) =>
      `During PE at ${c.time} ${c.name} said ${quote(c.pick(["my chest feels tight", "I can't get my breath", "I need my pump"]))} and was coughing. ${c.He} had two puffs of ${c.his} blue inhaler with a spacer, supervised by me, sat out for ten minutes and then joined in again. Written on ${c.his} medication record and ${c.carer} told at home time.`,
  },
  {
    key: "unwell",
    pool: "everyday",
    by: "class",
    categories: [["Medical", "General medical"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.95,
    weight: 2,
    text: (c) =>
      `${c.name} said ${quote(c.pick(["I feel sick", "my tummy hurts", "my head hurts really bad"]))} at ${c.time} and put ${c.his} head on the table. ${c.His} temperature was ${c.pick(["37.9", "38.1", "38.4", "38.6"])}°C. The office phoned ${c.carer} at ${c.later(10)}. ${c.name} waited in the medical room with ${c.colleague} and was collected at ${c.later(c.int(35, 70))}.`,
  },
  {
    key: "appointment",
    pool: "everyday",
    by: "pastoral",
    categories: [["Medical", "Medical appointment"]],
    when: "arrival",
    places: ["School office"],
    closed: 1,
    text: (c) =>
      `${c.Carer} told the office at ${c.time} that ${c.name} has ${c.pick(["a dental", "a hospital outpatient", "an eye clinic", "a hearing"])} appointment today. ${c.name} was signed out at ${c.later(c.int(60, 150))} and signed back in at ${c.later(c.int(200, 260))}. Appointment letter seen and copied.`,
  },
  {
    key: "hospital-visit",
    pool: "everyday",
    by: "pastoral",
    categories: [["Medical", "Hospital visit"]],
    when: "arrival",
    places: ["School office"],
    closed: 0.8,
    text: (c) =>
      `${c.Carer} phoned at ${c.time} to say that ${c.name} went to A&E last night with ${c.pick(["a broken wrist after falling off a trampoline", "a high temperature that would not come down", "an asthma attack", "a cut to the chin that needed glue"])}. ${c.Carer} said ${quote(c.pick(["they kept us in till 2 in the morning", "the doctor said rest today", `${c.he}'s fine now, just tired`]))}. ${c.name} is at home today. Class teacher told.`,
  },
  {
    key: "health-care-plan",
    pool: "everyday",
    by: "sendco",
    categories: [["Medical", "Individual health care plan"]],
    when: "pickup",
    places: ["Meeting room"],
    closed: 0.9,
    weight: 0.5,
    text: (c) =>
      `Individual health care plan reviewed with ${c.name}'s ${c.carer} at ${c.time}. ${c.name} has ${c.pick(["a peanut allergy; two adrenaline pens are in date (expiry checked) and kept in the medical cupboard and the class bag", "type 1 diabetes; the blood glucose routine and hypo box were checked with the class team", "epilepsy; the seizure plan and emergency medication were checked"])}. Signed copy given to the class teacher and the kitchen.`,
  },
  {
    key: "unkind-words",
    pool: "everyday",
    by: "duty",
    categories: [["Behaviour", "Verbal"]],
    when: "play",
    places: PLAYGROUNDS,
    linked: 1,
    closed: 0.85,
    weight: 3,
    themes: ["behaviour"],
    text: (c) =>
      `At ${c.time} on the ${c.place} I heard ${c.name} say to ${c.other} ${quote(c.pick(["you're stupid and you can't play", "go away, nobody wants you here", "you smell", "you're rubbish at football"]))}. ${c.other} walked away and sat on the bench. I spoke to ${c.name}, who said ${quote(c.pick(["I was only joking", `${c.other} started it`, "I didn't say that"]))}. ${c.name} said sorry to ${c.other} and missed five minutes of ${c.pick(["lunch play", "afternoon play", "the next playtime"])}.`,
  },
  {
    key: "pushing",
    pool: "everyday",
    by: "duty",
    categories: [["Behaviour", "Physical"]],
    when: "play",
    places: PLAYGROUNDS,
    linked: 1,
    closed: 0.8,
    weight: 3,
    themes: ["behaviour"],
    text: (c) =>
      `During football on the ${c.place} at ${c.time}, ${c.name} pushed ${c.other} in the back with both hands after ${c.other} took the ball. ${c.other} fell and grazed ${c.otherHis} hands; first aid given. ${c.name} said ${quote(`${c.otherHe} kept fouling me and nobody did anything`)}. I spoke to both children; ${c.name} said sorry and sat out for the rest of ${c.pick(["lunch play", "break"])}.`,
  },
  {
    key: "lashing-out",
    pool: "everyday",
    by: "class",
    categories: [["Behaviour", "Physical"]],
    when: "lesson",
    places: CLASSROOM,
    linked: 1,
    closed: 0.7,
    weight: 1.5,
    themes: ["behaviour"],
    text: (c) =>
      `At ${c.time} ${c.name} was asked to share the ${c.pick(["iPad", "glue stick", "construction set"])} with ${c.other}. ${c.name} shouted ${quote("it's mine")} and hit ${c.other} on the arm with an open hand. ${c.other} cried and said ${quote("that really hurt")}; no mark was seen. ${c.name} went to the calm corner with ${c.colleague} and came back at ${c.later(15)}. ${c.name} told me ${quote(c.pick(["I got cross", "I don't like sharing", "I wanted it first"]))}.`,
  },
  {
    key: "damage",
    pool: "everyday",
    by: "class",
    categories: [["Behaviour", "Damage to property"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.8,
    themes: ["behaviour"],
    text: (c) =>
      `At ${c.time}, when asked to start ${c.pick(["the writing task", "the maths task", "tidying up"])}, ${c.name} ${c.pick(["tore up the worksheet and threw the pieces on the floor", "snapped two pencils and pushed a chair over", "pulled a display off the wall"])}. ${c.name} said ${quote(c.pick(["I don't care, it's boring", "I can't do it anyway", "leave me alone"]))}. ${c.He} had ten minutes in the book corner, then helped to tidy up and started the task at ${c.later(25)}.`,
  },
  {
    key: "refusing-to-come-in",
    pool: "everyday",
    by: "class",
    categories: [["Behaviour", "Verbal"]],
    when: "lunch",
    places: PLAYGROUNDS,
    closed: 0.85,
    themes: ["behaviour"],
    text: (c) =>
      `At the end of lunch play (${c.time}) ${c.name} did not line up when the whistle went and climbed to the top of the trim trail. ${c.He} said ${quote("I'm not coming in, you can't make me")}. ${c.colleague} and I gave ${c.him} two choices; ${c.name} climbed down and walked in at ${c.later(12)}. In class ${c.he} said ${quote("sorry for not listening")}.`,
  },
  {
    key: "group-chat",
    pool: "everyday",
    by: "class",
    categories: [["Behaviour", "Online"]],
    when: "arrival",
    places: ["Classroom door"],
    linked: 1,
    closed: 0.6,
    ncy: [4, 13],
    text: (c) =>
      `${c.other}'s ${c.pick(["mum", "dad"])} came to the classroom door at ${c.time} and showed me screenshots of a group chat from last night. Messages from ${c.name}'s account said ${quote(c.pick(["nobody likes you, leave the group", "you're so ugly lol", "don't bother coming to school tomorrow"]))}. I took a copy of the screenshots for the record. I spoke to ${c.name}, who said ${quote("it was a joke, everyone was saying it")}. ${c.name}'s ${c.carer} was phoned at ${c.later(240)}.`,
  },
  {
    key: "coc-verbal",
    pool: "everyday",
    by: "duty",
    categories: [["Child on child", "Verbal"]],
    when: "play",
    places: PLAYGROUNDS,
    linked: 1,
    closed: 0.6,
    weight: 2,
    text: (c) =>
      `${c.name} came to me crying at ${c.time}. ${c.He} said ${quote(`${c.other} keeps saying ${c.pick(["my mum is fat", "my family is poor", "I'm a baby"])} and everyone laughed at me`)}. ${c.other} said ${quote("I only said it once")}. I spoke to both children, and ${c.other} said sorry. ${c.name}'s class teacher was told at the end of play.`,
  },
  {
    key: "bullying-allegation",
    pool: "everyday",
    by: "class",
    categories: [["Child on child", "Bullying allegation"]],
    when: "pickup",
    places: ["Classroom door"],
    linked: 1,
    toldDsl: 0.3,
    closed: 0.2,
    ncy: [1, 13],
    text: (c) =>
      `${c.name}'s ${c.carer} spoke to me at the classroom door at ${c.time}. ${c.Carer} said ${c.name} has come home upset ${c.pick(["three times this week", "most days since half term", "every day this week"])} and has said ${quote(`${c.other} won't let me play and tells the others not to play with me`)}. ${c.Carer} asked for it to be looked into. I said I would speak to both children tomorrow and phone back by Friday.`,
  },
  {
    key: "coc-kicked",
    pool: "everyday",
    by: "duty",
    categories: [
      ["Child on child", "Physical harm"],
      ["Medical", "Accident / injury in school"],
    ],
    when: "play",
    places: ["Toilets", ...PLAYGROUNDS],
    linked: 1,
    bodyMap: {
      chance: 0.5,
      regions: [
        ["Left shin", "left shin"],
        ["Right shin", "right shin"],
        ["Left thigh", "left thigh"],
      ],
      types: ["Redness", "Bruise"],
      sizes: [2, 5],
      notes: ["red, slightly raised", "fresh bruise, no broken skin"],
    },
    toldDsl: 0.2,
    closed: 0.5,
    text: (c) =>
      `At ${c.time} ${c.name} told me that ${c.other} kicked ${c.him} in the ${c.mark?.region ?? "shin"} in the ${c.place}. ${c.name} said ${quote(`${c.other} said if I tell, ${c.otherHe}'ll do it again`)}. There was ${c.mark ? `a mark about ${c.mark.size}, ${c.mark.note},` : "a red mark"} on ${c.his} ${c.mark?.region ?? "shin"}; a cold compress was given. ${c.other} said ${quote("it was an accident, I was swinging my legs")}. Both children were spoken to separately and their class teachers told.`,
  },
  {
    key: "coc-racist",
    pool: "everyday",
    by: "duty",
    categories: [["Child on child", "Racist"]],
    when: "play",
    places: PLAYGROUNDS,
    linked: 1,
    toldDsl: 0.6,
    closed: 0.2,
    ncy: [2, 13],
    weight: 0.4,
    text: (c) =>
      `At ${c.time} on the ${c.place} ${c.name} told me that ${c.other} said to ${c.him} ${quote(c.pick(["go back to your own country", "you can't play because of your skin", "your food stinks"]))}. Two other children said they heard it. ${c.other} said ${quote("I didn't mean it like that")}. ${c.name} said ${quote(c.pick(["it made me feel sad", "people say it a lot", "I want to go home"]))}. Both class teachers told; recorded as reported.`,
  },
  {
    key: "coc-online",
    pool: "everyday",
    by: "class",
    categories: [["Child on child", "Online abuse"]],
    when: "arrival",
    places: CLASSROOM,
    linked: 1,
    toldDsl: 0.5,
    closed: 0.3,
    ncy: [4, 13],
    weight: 0.5,
    text: (c) =>
      `${c.name} told me at ${c.time} that ${c.other} shared a photo of ${c.him} ${c.pick(["eating lunch", "crying in the playground", "getting changed for PE"])} in a group chat last night with the words ${quote(c.pick(["look at this baby", "so embarrassing", "who wants to see this"]))}. ${c.name} said ${quote("everyone has seen it now")}. I did not look at or copy the picture and told ${c.dsl} at ${c.later(10)}.`,
  },
  {
    key: "separation-anxiety",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Emotional wellbeing"]],
    when: "arrival",
    places: ["Classroom door"],
    closed: 0.85,
    ncy: [0, 3],
    weight: 2,
    text: (c) =>
      `${c.name} cried when ${c.carer} left at the classroom door at ${c.time} and held on to ${c.carerHis} coat. ${c.He} said ${quote(`I want to go home with ${c.Carer}`)}. ${c.name} settled after about ten minutes reading with ${c.colleague} and joined the phonics group at ${c.later(20)}.`,
  },
  {
    key: "alone-at-lunch",
    pool: "everyday",
    by: "duty",
    categories: [["Wellbeing", "General concern"]],
    when: "lunch",
    places: PLAYGROUNDS,
    closed: 0.6,
    themes: ["emotional"],
    text: (c) =>
      `${c.name} sat on the buddy bench on ${c.his} own for the whole of lunch play on ${c.pick(["Monday, Tuesday and today", "three days this week", "each day this week"])}. When I asked at ${c.time} if ${c.he} wanted to join a game, ${c.name} said ${quote(c.pick(["nobody likes me", "I don't want to", "they always leave me out"]))}. I walked round with ${c.him} and ${c.he} joined a skipping game at ${c.later(15)}. Class teacher told.`,
  },
  {
    key: "worry-box",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Emotional wellbeing"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.6,
    themes: ["emotional", "domestic"],
    toldDsl: 0.3,
    text: (c) =>
      `${c.name} put a note in the class worry box that said ${quote(c.pick(["I am scared when Dad shouts", "I worry about Mum when I am at school", "I don't have any friends", "I have bad dreams"]))}. I spoke to ${c.him} quietly at ${c.time}. ${c.name} said ${quote(c.pick(["I don't want to talk about it", "it happens a lot", "can you tell Mum I'm okay"]))}. We agreed ${c.he} can come to me or ${c.colleague} at any time.`,
  },
  {
    key: "no-packed-lunch",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Diet"]],
    when: "lunch",
    places: ["Dining hall"],
    closed: 0.7,
    themes: ["neglect"],
    text: (c) =>
      `At ${c.time} ${c.name} did not have a packed lunch. ${c.He} said ${quote(c.pick(["Mum forgot to make it", "there wasn't anything in the cupboard", "I left it on the kitchen side"]))}. A school dinner was given and ${c.name} ate all of it and asked for more bread. The office texted ${c.carer} at ${c.later(20)}.`,
  },
  {
    key: "tired",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "General concern"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.6,
    themes: ["neglect", "domestic"],
    weight: 1.5,
    text: (c) =>
      `${c.name} put ${c.his} head on the table and fell asleep during ${c.pick(["the maths lesson", "guided reading", "the afternoon story"])} at ${c.time}. When woken ${c.he} said ${quote(c.pick(["I went to bed when Dad went to bed", "the baby was crying all night", "I was on my tablet till really late", "there was shouting downstairs"]))}. ${c.name} had a drink of water and joined back in.`,
  },
  {
    key: "bereavement",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Home circumstances (e.g. separation, bereavement)"]],
    when: "arrival",
    places: ["Classroom door"],
    family: true,
    closed: 0.4,
    weight: 0.8,
    text: (c) =>
      `${c.Carer} told me at the classroom door at ${c.time} that ${c.name}'s ${c.pick(["grandad", "nan", "great-grandma", "uncle"])} died at the weekend. ${c.Carer} said ${c.name} ${quote("knows, and has been asking lots of questions")}. ${c.Carer} asked that staff keep an eye on ${c.him}. Class team told; ${c.name} can use the worry box and have time with ${c.colleague} if ${c.he} asks.`,
  },
  {
    key: "separation",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Home circumstances (e.g. separation, bereavement)"]],
    when: "pickup",
    places: ["School office"],
    family: true,
    closed: 0.5,
    weight: 0.8,
    themes: ["domestic"],
    text: (c) =>
      `${c.Carer} told me at ${c.time} that ${c.name}'s parents have separated. ${c.name} will live with ${c.pick(["Mum during the week and stay with Dad every other weekend", "Dad and see Mum on Wednesdays and at weekends", "Mum, and Dad will collect on Fridays"])}. ${c.Carer} asked that both parents receive school letters and said ${quote(c.pick(["the kids have taken it hard", "it's all amicable", "please tell me if they say anything"]))}. The office has updated the contact details.`,
  },
  {
    key: "online-safety-lesson",
    pool: "everyday",
    by: "class",
    categories: [["Wellbeing", "Online safety"]],
    when: "lesson",
    places: ["Classroom", "ICT suite"],
    closed: 0.75,
    ncy: [2, 13],
    text: (c) =>
      `During the online safety lesson at ${c.time}, ${c.name} said ${quote(c.pick(["I play Fortnite with people I don't know and they talk to me on the headset", "I've got TikTok and I post dances", "someone I don't know added me on Roblox and asked where I live"]))}. I reminded the class about keeping personal information private and telling an adult. ${c.name}'s ${c.carer} was told at home time and given the school's online safety leaflet.`,
  },
  {
    key: "phone-call-home",
    pool: "everyday",
    by: "class",
    categories: [["Communication with home", "Telephone call"]],
    when: "pickup",
    places: CLASSROOM,
    closed: 0.9,
    weight: 2,
    text: (c) =>
      `Telephone call to ${c.name}'s ${c.carer} at ${c.time} to say that ${c.name} ${c.pick(["was upset at lunchtime after falling out with friends", "has not had a reading book signed for three weeks", "had a good day after a difficult week", `has been saying ${c.he} is hungry in the mornings`])}. ${c.Carer} said ${quote(c.pick(["thank you for letting me know", `I'll talk to ${c.him} tonight`, "things have been hard at home", `that's not like ${c.him}`]))}.`,
  },
  {
    key: "parent-meeting",
    pool: "everyday",
    by: "class",
    categories: [["Communication with home", "Meeting"]],
    when: "pickup",
    places: ["Classroom", "Meeting room"],
    closed: 0.8,
    text: (c) =>
      `Met ${c.name}'s ${c.carer} after school at ${c.time} about ${c.pick(["friendships in class", "homework not being handed in", "what happened at lunchtime this week", "reading at home"])}. ${c.Carer} said ${quote(c.pick([`${c.he}'s been saying ${c.he} doesn't want to come to school`, "we've had a lot going on", `${c.he}'s fine at home`, "I work nights so it's hard"]))}. We agreed that ${c.pick(["I will send a short note home on Fridays", `${c.name} will have a lunchtime job`, "we will meet again in three weeks"])}.`,
  },
  {
    key: "parent-email",
    pool: "everyday",
    by: "class",
    categories: [["Communication with home", "Email"]],
    when: "home",
    places: ["Email"],
    closed: 0.9,
    weight: 0.7,
    text: (c) =>
      `Email from ${c.name}'s ${c.carer}, sent on ${c.day} at ${c.time}: ${quote(c.pick(["just to let you know we had a hard weekend, the kids' dad didn't turn up again", `${c.name} says someone in class has been calling ${c.him} names`, `${c.name} has been having nightmares, could someone check in with ${c.him}`]))}. Replied on the next school day morning to thank ${c.carerHim} and to say I would check in with ${c.name}; I spoke to ${c.name} at 09:10.`,
  },
  {
    key: "late-arrival",
    pool: "everyday",
    by: "pastoral",
    categories: [["Attendance", "Punctuality"]],
    when: "arrival",
    places: ["School office"],
    closed: 0.9,
    weight: 1.5,
    themes: ["neglect"],
    text: (c) =>
      `${c.name} arrived at ${c.time} and was signed in late at the office by ${c.carer}. This is the ${c.pick(["third", "fourth", "fifth", "sixth"])} late arrival this half term. ${c.Carer} said ${quote(c.pick(["the alarm didn't go off", "the bus didn't come", "the little one wouldn't get dressed"]))}. Reminder given that the gate closes at 08:50.`,
  },
  {
    key: "first-day-call",
    pool: "everyday",
    by: "pastoral",
    categories: [["Attendance", "Unauthorised absence"]],
    when: "arrival",
    places: ["School office"],
    closed: 0.85,
    weight: 1.5,
    themes: ["neglect"],
    text: (c) =>
      `No message for ${c.name}'s absence by 09:30. First-day call to ${c.carer} at ${c.time}: no answer; voicemail left. Second contact called at ${c.later(20)}: no answer. Text message sent at ${c.later(30)}. ${c.Carer} phoned back at ${c.later(c.int(60, 150))} and said ${c.name} ${c.pick(["had a temperature", "was sick in the night", "had overslept"])}. Recorded as ${c.pick(["illness", "unauthorised, as no reason was given until the afternoon"])}.`,
  },
  {
    key: "leave-request",
    pool: "everyday",
    by: "head",
    categories: [["Attendance", "Leave of absence request"]],
    when: "meeting",
    places: ["School office"],
    closed: 1,
    weight: 0.5,
    text: (c) =>
      `Leave of absence request received from ${c.name}'s ${c.carer} for ${c.int(3, 10)} school days for ${c.pick(["a family holiday", "a wedding abroad", "a visit to family abroad"])}. The request does not meet exceptional circumstances and was not authorised. Letter sent home explaining that the days will be recorded as unauthorised absence.`,
  },
  {
    key: "attendance-meeting",
    pool: "everyday",
    by: "pastoral",
    categories: [
      ["Attendance", "Intervention offered"],
      ["Communication with home", "Meeting"],
    ],
    when: "meeting",
    places: ["Meeting room"],
    closed: 0.5,
    themes: ["neglect"],
    weight: 0.8,
    text: (c) =>
      `Attendance meeting with ${c.name}'s ${c.carer} at ${c.time}. ${c.name}'s attendance this school year is ${c.percent(81, 89)}%, with ${c.int(5, 14)} days of absence, mostly ${c.pick(["Mondays and Fridays", "illness", "days without a reason given"])}. ${c.Carer} said ${quote(c.pick([`${c.he} gets anxious in the mornings`, `${c.he} keeps picking up bugs`, "it's been difficult since we moved"]))}. Agreed: a morning check-in with ${c.colleague}, breakfast club place offered, review in four weeks.`,
  },
  {
    key: "penalty-warning",
    pool: "everyday",
    by: "head",
    categories: [["Attendance", "Legal action / penalty notice"]],
    when: "meeting",
    places: ["School office"],
    agencies: ["Attendance / education welfare service"],
    closed: 0.4,
    themes: ["neglect"],
    themeOnly: true,
    text: (c) =>
      `Letter sent to ${c.name}'s parents warning that a penalty notice may be requested: attendance is ${c.percent(72, 84)}% this term after the attendance support plan. The education welfare officer has the referral and will contact the family within ten school days.`,
  },
  {
    key: "hygiene",
    pool: "concern",
    by: "class",
    categories: [["Wellbeing", "Hygiene / presentation"]],
    when: "arrival",
    places: CLASSROOM,
    toldDsl: 0.2,
    closed: 0.3,
    themes: ["neglect"],
    weight: 1.5,
    text: (c) =>
      `${c.name} came to school in the same uniform as on ${c.pick(["Monday and Tuesday", "the last three days"])}; the jumper had food stains down the front and there was a strong smell of urine. ${c.His} hair was matted at the back. ${c.name} said ${quote(c.pick(["my other clothes are dirty", "the washing machine is broken", "I slept in them"]))}. A clean spare uniform was given from the school's supply at ${c.later(20)}, privately.`,
  },
  {
    key: "suspension",
    pool: "everyday",
    by: "head",
    categories: [
      ["Behaviour", "Suspension"],
      ["Communication with home", "Meeting"],
    ],
    when: "pickup",
    places: ["Headteacher's office"],
    linked: 1,
    closed: 0.6,
    ncy: [3, 13],
    themes: ["behaviour"],
    themeOnly: true,
    text: (c) =>
      `At ${c.pick(["lunchtime", "morning break"])} today ${c.name} punched ${c.other} in the face twice during an argument over a game; ${c.other} had a nosebleed and was seen by first aid. ${c.name} said ${quote(`${c.otherHe} called my mum a name so I hit ${c.otherHim}`)}. ${c.name} is suspended for one day. I met ${c.name}'s ${c.carer} at ${c.time} to explain the decision; ${c.carerHe} said ${quote(c.pick(["I understand", "this isn't fair, what about the other child", "we'll talk about it tonight"]))}. Letter given; reintegration meeting booked for the morning of ${c.pick(["Thursday", "Friday", "Monday"])}.`,
  },
  // ——— SEND ———
  {
    key: "send-observation",
    pool: "send",
    by: "sendco",
    categories: [["SEND", "Observation"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.85,
    text: (c) =>
      `Observed ${c.name} in ${c.pick(["a maths lesson", "an English lesson", "phonics", "a science lesson"])} from ${c.time} for 30 minutes. ${c.name} started the task after the instruction was repeated to ${c.him} one-to-one. ${c.He} completed ${c.int(2, 4)} of ${c.int(6, 8)} questions, left ${c.his} seat four times and said ${quote("I can't do it")} twice. With a visual checklist ${c.he} finished two more. Strategies shared with the class teacher: chunked tasks, a timer, a movement break.`,
  },
  {
    key: "in-class-support",
    pool: "send",
    by: "ta",
    categories: [["SEND", "In-class support"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.95,
    weight: 1.5,
    text: (c) =>
      `Supported ${c.name} in ${c.pick(["writing", "maths", "the science investigation", "phonics"])} from ${c.time}. ${c.name} used the word mat and a sentence starter and ${c.pick([`wrote ${c.int(3, 6)} sentences on ${c.his} own`, `answered ${c.int(4, 9)} questions with a number line`, "labelled the diagram with help for two words"])}. ${c.He} asked for a movement break at ${c.later(20)} and came back to the task after five minutes.`,
  },
  {
    key: "send-cause-for-concern",
    pool: "send",
    by: "teacher",
    categories: [["SEND", "Cause for concern"]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.4,
    text: (c) =>
      `${c.name} is ${c.pick(["still not able to blend three-letter words", "reversing numbers and letters in most pieces of work", "finding it hard to follow instructions of more than one step", `covering ${c.his} ears and hiding under the table when the class is noisy`])}. In today's check ${c.he} scored ${c.int(2, 6)}/20. ${c.name} said ${quote(c.pick(["my brain gets muddled", "the words jump around", "I don't know what to do", "it's too loud"]))}. Raised with the SENDCo for advice.`,
  },
  {
    key: "support-plan",
    pool: "send",
    by: "sendco",
    categories: [["SEND", "Support plan / IEP"]],
    when: "pickup",
    places: ["Meeting room"],
    closed: 0.9,
    text: (c) =>
      `SEN support plan review with ${c.name}'s ${c.carer} and the class teacher at ${c.time}. Targets met: ${c.pick(["reading 20 high-frequency words", "using the calm-down card", "starting tasks within two minutes"])}. New targets set for next term. ${c.name} said ${quote(c.pick(["I like working in the small group", "the timer helps me", "I don't like it when it's noisy"]))}. ${c.Carer} agreed the plan and has a copy.`,
  },
  {
    key: "speech-therapy",
    pool: "send",
    by: "sendco",
    categories: [["SEND", "External agency contact"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Speech and language therapy"],
    closed: 0.85,
    ncy: [0, 6],
    text: (c) =>
      `The speech and language therapist assessed ${c.name} in school at ${c.time}. Findings shared verbally: ${c.pick(["understanding of language is below age expectations; two-part instructions need visual support", "speech sounds /k/ and /g/ are still being replaced with /t/ and /d/", `vocabulary is limited for ${c.his} age`])}. New targets: three ten-minute sessions a week with the class TA. Report to follow.`,
  },
  {
    key: "ep-visit",
    pool: "send",
    by: "sendco",
    categories: [["SEND", "Referral to external service"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Educational psychology"],
    closed: 0.7,
    text: (c) =>
      `Referral to the educational psychology service for ${c.name} sent today with ${c.carer}'s written consent. Reason: ${c.pick(["slow progress in reading and writing despite two cycles of SEN support", "difficulties with attention and managing feelings in class", "concerns about memory and processing"])}. The EP will observe in class and meet ${c.carer} next half term.`,
  },
  {
    key: "ehcp-request",
    pool: "send",
    by: "sendco",
    categories: [["SEND", "EHCP request"]],
    when: "meeting",
    places: ["SENDCo office"],
    agencies: ["Educational psychology"],
    closed: 0.3,
    weight: 0.4,
    text: (c) =>
      `Request for an Education, Health and Care needs assessment submitted to the local authority for ${c.name}, with ${c.carer}'s agreement. Evidence sent: two cycles of the SEN support plan with reviews, the educational psychologist's report, costed provision map and attendance. The local authority will decide within six weeks whether to assess.`,
  },
  {
    key: "one-to-one",
    pool: "send",
    by: "ta",
    categories: [["SEND", "1:1 support"]],
    when: "lesson",
    places: ["Classroom", "Nurture room"],
    closed: 0.95,
    themes: ["behaviour"],
    text: (c) =>
      `1:1 with ${c.name} from ${c.time}. ${c.name} used the now-and-next board and finished ${c.pick(["the phonics task", "six maths questions", "a drawing for the class book"])}. At ${c.later(25)} ${c.he} said ${quote(c.pick(["I need a break", "I'm cross", "can we go outside"]))}; we walked to the garden for five minutes and ${c.he} came back and carried on.`,
  },
  // ——— Pastoral support and the child's voice ———
  {
    key: "elsa",
    pool: "everyday",
    by: "ta",
    categories: [["Pastoral support", "ELSA"]],
    when: "lesson",
    places: ["Nurture room"],
    closed: 0.9,
    themes: ["emotional", "domestic", "behaviour"],
    text: (c) =>
      `ELSA session ${c.int(2, 6)} of 6 with ${c.name} from ${c.time}. We worked on ${c.pick(["naming feelings with the feelings fan", "what to do when angry", "friendships", "worries and the worry monster"])}. ${c.name} said ${quote(c.pick(["I feel angry when people don't let me play", "I get a tummy ache before school", "I like it when we do the drawing", "I worry about Mum"]))}. ${c.name} chose a calm-down strategy to try this week.`,
  },
  {
    key: "three-houses",
    pool: "concern",
    weight: 0.4,
    by: "pastoral",
    categories: [["Pastoral support", "Direct work"]],
    when: "lesson",
    places: ["Nurture room"],
    closed: 0.7,
    themes: ["domestic", "emotional", "neglect", "physical"],
    themeOnly: true,
    text: (c) =>
      `Direct work with ${c.name} at ${c.time} using "three houses". In the house of worries ${c.name} drew ${c.pick(["Mum crying", "a police car outside", "Dad leaving", "an empty fridge"])}. In the house of good things ${c.he} drew ${c.pick(["the dog", "Nan's house", "playing football", "school dinners"])}. In the house of dreams ${c.he} said ${quote(c.pick(["everyone being happy", "living with Nan", "Dad coming back", "no more shouting"]))}. Drawing scanned and shared with the DSL.`,
  },
  {
    key: "circle-time",
    pool: "everyday",
    by: "class",
    categories: [["Voice of the child", null]],
    when: "lesson",
    places: CLASSROOM,
    closed: 0.9,
    themes: ["domestic", "neglect", "emotional", "care"],
    text: (c) =>
      `During circle time about ${c.pick(["people who help us", "what makes a good friend", "feeling safe"])} at ${c.time}, ${c.name} said ${quote(c.pick(["my Nan helps me because Mum is tired", "I feel safe at school and at Dad's", "I tell Miss when I'm sad", "I don't feel safe when it's loud at home"]))}.`,
  },
  // ——— Concerns staff raise ———
  {
    key: "unexplained-bruise",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Unexplained or inconsistently explained injury"]],
    when: "lesson",
    places: ["Classroom", "School hall"],
    bodyMap: BRUISES,
    toldDsl: 0.85,
    closed: 0.1,
    themes: ["physical", "neglect"],
    weight: 1.5,
    text: (c) =>
      [
        `While ${c.name} was changing for PE at ${c.time} I saw ${c.mark ? `a ${c.mark.type} about ${c.mark.size}, ${c.mark.note}, on ${c.his} ${c.mark.region}` : `a bruise on ${c.his} arm`}.`,
        `I asked ${quote("what happened there?")} and ${c.name} said ${quote(c.pick(["I fell off my bike", "I don't know", "my brother did it, we were playing", "I banged it on the door"]))}.`,
        c.pick([
          `At lunchtime ${c.he} told ${c.colleague} ${quote("I fell down the stairs")}.`,
          `${c.He} pulled ${c.his} sleeve down when other children looked.`,
          "",
        ]),
        `I did not ask anything else and told ${c.dsl} at ${c.later(10)}.`,
      ]
        .filter((sentence) => sentence.length > 0)
        .join(" "),
  },
  {
    key: "disclosure-physical",
    pool: "concern",
    by: "class",
    categories: [
      ["Safeguarding concern", "Disclosure / allegation"],
      ["Safeguarding concern", "Physical"],
    ],
    when: "day",
    places: ["Classroom", "KS2 playground", "Corridor", "Library"],
    bodyMap: { ...BRUISES, chance: 0.5 },
    toldDsl: 0.95,
    closed: 0,
    themes: ["physical", "domestic"],
    text: (c) =>
      `At ${c.time} in the ${c.place}, ${c.name} said to me ${quote(c.pick(["Dad hit me with the belt because I didn't tidy my room", "Dad grabbed my arm really hard and pushed me on the floor", "Mum's boyfriend smacked me on the face last night", "Mum hit me with the hairbrush"]))}. I said ${quote("thank you for telling me")} and did not ask any questions.${c.mark ? ` I could see a ${c.mark.type} about ${c.mark.size} on ${c.his} ${c.mark.region}.` : ""} ${c.name} went back to class. I told ${c.dsl} in person at ${c.later(5)} and wrote this straight afterwards.`,
  },
  {
    key: "breakfast-club-hungry",
    pool: "concern",
    by: "ta",
    categories: [["Safeguarding concern", "Neglect"]],
    when: "breakfast",
    places: ["Breakfast club"],
    toldDsl: 0.4,
    closed: 0.2,
    themes: ["neglect"],
    weight: 1.5,
    text: (c) =>
      `At breakfast club (${c.time}) ${c.name} ate four slices of toast and asked for more. ${c.He} said ${quote(c.pick(["there wasn't any food at home and I didn't have any tea", "Mum didn't have money for the shop", "I only had crisps yesterday"]))}. ${c.name} put two slices in ${c.his} pocket and said ${quote("that's for later")}.`,
  },
  {
    key: "no-coat",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Neglect"]],
    when: "arrival",
    places: ["Classroom door"],
    toldDsl: 0.2,
    closed: 0.3,
    themes: ["neglect"],
    text: (c) =>
      `${c.name} arrived at ${c.time} with no coat; it was ${c.int(0, 5)}°C. ${c.His} shoes had a split in the sole and ${c.his} socks were wet through. ${c.name} said ${quote(c.pick(["my coat's too small now", "I don't know where it is", "Mum said I don't need one"]))}. A coat and dry socks were given from lost property.`,
  },
  {
    key: "not-collected",
    pool: "concern",
    by: "teacher",
    categories: [["Safeguarding concern", "Neglect"]],
    when: "pickup",
    places: ["School office"],
    toldDsl: 0.6,
    closed: 0.2,
    themes: ["neglect", "domestic"],
    text: (c) =>
      `${c.name} was not collected at home time (${c.time}). The office phoned both contacts at ${c.later(15)} and ${c.later(35)} with no answer. ${c.Carer} arrived at ${c.later(c.int(60, 100))} and ${c.pick([`was unsteady on ${c.carerHis} feet; I could smell alcohol`, `said ${quote("I fell asleep")}`, `said ${quote("I thought someone else was getting them")}`])}. ${c.name} waited in the office with me and had a snack and a drink.`,
  },
  {
    key: "emotional-harm",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Emotional"]],
    when: "lesson",
    places: CLASSROOM,
    toldDsl: 0.7,
    closed: 0.1,
    themes: ["domestic", "emotional"],
    text: (c) =>
      `While we were reading a story about families at ${c.time}, ${c.name} said ${quote(c.pick(["Mum says she wishes I was never born", "Dad says I'm stupid and useless every day", "nobody at home talks to me", "I have to stay in my room when he's home"]))}. I said ${quote("thank you for telling me")}. ${c.name} then asked to go back to ${c.his} table. I told ${c.dsl} at ${c.later(30)}.`,
  },
  {
    key: "domestic-disclosure",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Domestic abuse"]],
    when: "arrival",
    places: CLASSROOM,
    toldDsl: 0.9,
    closed: 0,
    themes: ["domestic"],
    weight: 1.5,
    text: (c) =>
      `During the morning task at ${c.time} ${c.name} said ${quote(c.pick(["Mummy and her boyfriend were shouting and he smashed the telly and the police came", "Dad pushed Mum into the wall and she was crying", "I hid under my bed with my sister because they were fighting", "Mum had a cut on her face this morning"]))}. ${c.name} asked to sit by the door. I did not ask questions. Passed to ${c.dsl} in person at ${c.later(10)}.`,
  },
  {
    key: "online-contact",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Online safety concern"]],
    when: "day",
    places: CLASSROOM,
    toldDsl: 0.7,
    closed: 0.3,
    ncy: [3, 13],
    themes: ["emotional"],
    text: (c) =>
      `At ${c.time} ${c.name} told me that someone ${c.he} plays ${c.pick(["Roblox", "Minecraft", "Fortnite"])} with online asked ${c.him} ${quote(c.pick(["are you home alone?", "send me a photo of you in your pyjamas", "don't tell your mum about me", "what school do you go to?"]))}. ${c.name} said ${quote("he says he's 12")}. ${c.name} has not met this person. Told ${c.dsl}; ${c.carer} to be phoned today.`,
  },
  {
    key: "young-carer",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Young carer"]],
    when: "arrival",
    places: ["Classroom door"],
    toldDsl: 0.3,
    closed: 0.3,
    themes: ["care", "neglect"],
    text: (c) =>
      `${c.name} arrived at ${c.time} with ${c.his} younger ${c.pick(["brother", "sister"])}. ${c.name} said ${quote(c.pick(["I have to get us both ready because Mum is poorly in bed", "I make the breakfast and do the washing when Mum's tired", "I looked after Mum last night because she was sick"]))}. ${c.name} was given breakfast at the club.`,
  },
  {
    key: "self-harm",
    pool: "concern",
    by: "class",
    categories: [["Safeguarding concern", "Self-harm"]],
    when: "day",
    places: CLASSROOM,
    bodyMap: {
      chance: 0.8,
      regions: [
        ["Left forearm", "left forearm"],
        ["Left wrist", "left wrist"],
        ["Right forearm", "right forearm"],
      ],
      types: ["Scratch", "Cut"],
      sizes: [2, 6],
      notes: [
        "four thin parallel lines, scabbed",
        "fresh, not bleeding",
        "several lines, some healed",
      ],
    },
    toldDsl: 1,
    closed: 0,
    ncy: [4, 13],
    themes: ["emotional"],
    themeOnly: true,
    text: (c) =>
      `At ${c.time} I saw ${c.mark ? `${c.mark.type.endsWith("h") ? "scratches" : "cuts"} about ${c.mark.size} long, ${c.mark.note}, on ${c.name}'s ${c.mark.region}` : `scratches on ${c.name}'s arm`} when ${c.his} sleeve rolled up. ${c.name} said ${quote(c.pick(["I did it with a sharpener blade", "I scratch when I get upset", "it makes the bad feeling stop"]))}. ${c.name} agreed to come with me to ${c.dsl}, who took over at ${c.later(10)}.`,
  },
  {
    key: "out-of-school",
    pool: "concern",
    by: "pastoral",
    categories: [["Safeguarding concern", "Safeguarding incident out of school"]],
    when: "home",
    places: ["Out of school"],
    toldDsl: 0.5,
    closed: 0.4,
    text: (c) =>
      `${c.Carer} told the office that on ${c.day} ${c.name} was ${c.pick([`approached in the park by a man ${c.he} did not know, who offered sweets and asked ${c.him} to come to his car`, `out on ${c.his} bike until after dark and was brought home by a neighbour`, "shown a video of a fight on an older child's phone at the bus stop"])}. ${c.Carer} said ${quote(c.pick(["we've told the police", "I didn't know what to do", "I wanted school to know"]))}. Passed to the DSL.`,
  },
  // ——— What the DSL team writes ———
  {
    key: "operation-encompass",
    pool: "concern",
    by: "dsl",
    categories: [
      ["Safeguarding concern", "Operation Encompass notification"],
      ["Safeguarding concern", "Domestic abuse"],
    ],
    when: "home",
    places: ["Home (reported)"],
    agencies: ["Operation Encompass", "Police"],
    family: true,
    closed: 0.3,
    themes: ["domestic"],
    themeOnly: true,
    weight: 2.5,
    text: (c) =>
      `Operation Encompass notification received this morning: police attended a domestic incident at ${c.name}'s home address on ${c.day} at ${c.time}. ${c.name} ${c.pick(["was present and in bed when police arrived", "was present", "was not present; staying with Nan"])}. ${c.pick(["No arrests", "Mum's partner was arrested", "Dad had left before police arrived"])}. Class teacher told, so that ${c.name} has a calm start and a check-in today. When I saw ${c.him} at 09:${String(c.int(10, 45))} ${c.name} said ${quote(c.pick(["I'm tired", "I'm okay", "the police came to our house", "I don't want to talk about it"]))}. Will monitor.`,
  },
  {
    key: "dsl-phone-call",
    pool: "early",
    by: "dsl",
    categories: [["Communication with home", "Telephone call"]],
    when: "day",
    places: ["DSL office"],
    closed: 0.6,
    text: (c) =>
      `Telephone call to ${c.name}'s ${c.carer} at ${c.time} about ${c.pick([`what ${c.name} said in class today`, `the mark staff saw on ${c.name}'s arm`, `${c.name}'s attendance and lateness`, `${c.name} not being collected yesterday`])}. ${c.Carer} said ${quote(c.pick(["I didn't know anything about it", "things are difficult at the moment", "we'll sort it", "why is school always ringing me"]))}. I explained that we are here to help and offered ${c.pick(["a meeting next week", "a referral to early help", "a breakfast club place"])}.`,
  },
  {
    key: "mash-advice",
    pool: "early",
    by: "dsl",
    categories: [["Safeguarding concern", "MASH advice"]],
    when: "meeting",
    places: ["DSL office"],
    agencies: ["MASH"],
    closed: 0.6,
    text: (c) =>
      `Consultation call with the MASH duty social worker at ${c.time} about the concerns recorded for ${c.name} this ${c.pick(["week", "half term", "term"])}. Advice: ${c.pick(["the threshold for a social care assessment is not met; school to offer early help with parents' consent", "speak to parents about the concerns and complete an early help assessment", "continue to monitor and refer straight away if anything further is disclosed"])}. Advice shared with the class teacher.`,
  },
  {
    key: "early-help-assessment",
    pool: "early",
    by: "dsl",
    categories: [["Early help", "Early help assessment"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Early help team"],
    family: true,
    closed: 0.2,
    text: (c) =>
      `Met ${c.name}'s ${c.carer} at ${c.time} to complete an Early Help Assessment. ${c.Carer} consented and said ${quote(c.pick(["I just need a bit of help with the kids' routines", "money's been really tight since I lost my job", "I can't get them to school on time", "I don't want social services involved"]))}. Needs identified: ${c.pick(["routines, school attendance and housing", "parenting support and debt advice", "emotional support for the children"])}. Assessment sent to the Early Help team; first TAF meeting to be booked within four weeks.`,
  },
  {
    key: "taf-meeting",
    pool: "early",
    by: "dsl",
    categories: [["Early help", "Team around the family (TAF) meeting"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Early help team", "School nurse"],
    family: true,
    closed: 0.4,
    text: (c) =>
      `TAF meeting at ${c.time}. Present: ${c.Carer}, family support worker, school nurse, class teacher and me. Attendance this half term ${c.percent(84, 96)}%. ${c.Carer} said ${quote(c.pick(["the morning routine chart is helping", "we're still struggling at bedtime", "the food bank has made a difference"]))}. Actions: ${c.pick(["family support worker to visit weekly", `school nurse to see ${c.name} about sleep`, "school to keep the breakfast club place"])}. Next TAF in six weeks.`,
  },
  {
    key: "school-nurse-referral",
    pool: "early",
    by: "dsl",
    categories: [["Wellbeing", "Hygiene / presentation"]],
    when: "meeting",
    places: ["DSL office"],
    agencies: ["School nurse"],
    closed: 0.5,
    themes: ["neglect"],
    text: (c) =>
      `Referral to the school nurse for ${c.name} sent at ${c.time}, with ${c.carer}'s consent, about ${c.pick(["head lice that have not cleared since September", "weight and diet", "bedwetting and sleep", "toothache mentioned several times"])}. The school nurse will see ${c.name} in school within four weeks and contact ${c.carer}.`,
  },
  {
    key: "camhs-referral",
    pool: "early",
    by: "dsl",
    categories: [["Pastoral support", "Mental health support (EMHP)"]],
    when: "meeting",
    places: ["DSL office"],
    agencies: ["CAMHS"],
    closed: 0.4,
    ncy: [3, 13],
    themes: ["emotional"],
    text: (c) =>
      `Referral to the mental health support team (EMHP) sent for ${c.name} at ${c.time}, with ${c.carer}'s consent, following ${c.pick(["the self-harm seen in school", "worries and sleep difficulties reported by home and school", "ongoing low mood recorded since last term"])}. ${c.name} said ${quote(c.pick(["I'd like someone to talk to", "okay, if it's not at home", "will it be the same person every time?"]))}.`,
  },
  {
    key: "referral-to-social-care",
    pool: "cin",
    by: "dsl",
    categories: [["Safeguarding concern", "Referral to children's social care"]],
    when: "day",
    places: ["DSL office"],
    agencies: ["Children's social care", "MASH"],
    closed: 0,
    text: (c) =>
      `Referral made to children's social care through the MASH online form at ${c.time}, following ${c.pick(["the disclosure recorded today", "the pattern of concerns recorded since September", "the unexplained injury recorded this morning"])}. ${c.Carer} was told of the referral by phone ${c.pick([`and said ${quote("do what you have to do")}`, "and ended the call", "and agreed to it"])}. MASH reference ${c.int(100000, 999999)}. Outcome to be chased within one working day.`,
  },
  {
    key: "cin-plan",
    pool: "cin",
    by: "dsl",
    categories: [["Child in need", "CIN plan"]],
    when: "meeting",
    places: ["DSL office"],
    agencies: ["Children's social care"],
    family: true,
    closed: 0.1,
    text: (c) =>
      `Child and family assessment completed by the allocated social worker: ${c.name} will be supported on a child in need plan. School's actions in the plan: ${c.pick(["daily check-in, breakfast club, attendance monitored weekly", "weekly ELSA, attendance monitored, share any concerns the same day", "free school meals checked, uniform provided, weekly check-in"])}. Plan saved to ${c.name}'s documents.`,
  },
  {
    key: "cin-meeting",
    pool: "cin",
    by: "dsl",
    categories: [["Child in need", "CIN meeting"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Children's social care"],
    family: true,
    closed: 0.3,
    text: (c) =>
      `CIN review meeting at ${c.time}. Present: social worker, ${c.carer}, family support worker and me. School update: attendance ${c.percent(82, 97)}%, ${c.pick(["no new concerns since the last meeting", "two late arrivals and one day without lunch", `${c.name} has been using the calm space less`])}. Before the meeting ${c.name} said to me ${quote(c.pick(["I like coming to breakfast club", "I want to stay at Nan's more", "I don't like it when lots of people ask questions"]))}. Next meeting in six weeks.`,
  },
  {
    key: "strategy-meeting",
    pool: "cp",
    by: "dsl",
    categories: [["Child protection", "Strategy meeting / section 47 enquiry"]],
    when: "meeting",
    places: ["Online meeting"],
    agencies: ["Children's social care", "Police"],
    family: true,
    closed: 0,
    text: (c) =>
      `Attended a strategy meeting on Teams at ${c.time} with children's social care, police and health. Decision: a section 47 enquiry starts today. ${c.name} to be ${c.pick(["seen in school this afternoon by the social worker and a police officer", "visited at home this evening"])}. School to send attendance and the records of concerns by the end of the day; sent at ${c.later(150)}.`,
  },
  {
    key: "initial-conference",
    pool: "cp",
    by: "dsl",
    categories: [["Child protection", "Child protection conference"]],
    when: "meeting",
    places: ["Online meeting"],
    agencies: ["Children's social care"],
    family: true,
    closed: 0,
    text: (c) =>
      `Initial child protection conference at ${c.time}. School report submitted and shared with ${c.carer} beforehand. Decision: ${c.name} is subject to a child protection plan under the category of ${c.abuse}. I am the school's member of the core group. First core group meeting within ten working days.`,
  },
  {
    key: "cp-plan",
    pool: "cp",
    by: "dsl",
    categories: [["Child protection", "Child protection plan"]],
    when: "day",
    places: ["DSL office"],
    family: true,
    closed: 0.2,
    text: (c) =>
      `Child protection plan received from the social worker and saved to ${c.name}'s documents. School's responsibilities: ${c.pick(["daily check-in with a named adult, attendance followed up by 09:30, any injury recorded and shared the same day", "breakfast club daily, clean uniform available, weekly update to the social worker"])}. Staff working with ${c.name} told that ${c.he} is on a plan (not the detail).`,
  },
  {
    key: "core-group",
    pool: "cp",
    by: "dsl",
    categories: [["Child protection", "Core group meeting"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Children's social care"],
    family: true,
    closed: 0.3,
    text: (c) =>
      `Core group meeting at ${c.time}. Present: social worker, ${c.carer}, health visitor, family support worker and me. School update: attendance ${c.percent(80, 97)}%; ${c.name} ${c.pick(["has had no injuries seen", "has arrived hungry on two days", "told staff about shouting at home once", "is eating well at lunch"])}. Actions reviewed; ${c.pick(["most are on track", "home conditions remain a concern", "the family has engaged with the parenting course"])}. Next core group in four weeks.`,
  },
  {
    key: "review-conference",
    pool: "cp",
    by: "dsl",
    categories: [["Child protection", "Child protection conference"]],
    when: "meeting",
    places: ["Online meeting"],
    agencies: ["Children's social care"],
    family: true,
    closed: 0.2,
    weight: 0.5,
    text: (c) =>
      `Review child protection conference at ${c.time}. School report submitted. Decision: ${c.pick(["the plan continues under the same category", `${c.name}'s plan ends and ${c.he} will be supported on a child in need plan`])}. Next review in six months.`,
  },
  {
    key: "police-report",
    pool: "cp",
    by: "dsl",
    categories: [["Safeguarding concern", "Report to police"]],
    when: "day",
    places: ["DSL office"],
    agencies: ["Police"],
    closed: 0.2,
    weight: 0.4,
    text: (c) =>
      `Report made to police on 101 at ${c.time} about ${c.pick([`what ${c.name} disclosed this morning`, `the injury seen on ${c.name} today`, `an adult seen waiting outside the gates for ${c.name} after being asked to leave`])}. Incident number ${c.int(1000, 9999)} of the day. Children's social care told at ${c.later(20)}.`,
  },
  {
    key: "vulnerable-list",
    pool: "early",
    by: "dsl",
    categories: [["Vulnerable, not on a plan", null]],
    when: "meeting",
    places: ["DSL office"],
    closed: 0.6,
    weight: 0.6,
    text: (c) =>
      `Children's social care closed the case after the assessment. ${c.name} stays on the school's vulnerable list, with weekly check-ins with ${c.colleague} and a review at the end of term.`,
  },
  {
    key: "confirmed-bullying",
    pool: "early",
    by: "dsl",
    categories: [["Child on child", "Confirmed bullying"]],
    when: "meeting",
    places: ["DSL office"],
    linked: 1,
    closed: 0.4,
    weight: 0.5,
    text: (c) =>
      `Following the reports recorded by staff since ${c.date}, I spoke to ${c.name}, ${c.other} and three other children. The unkind comments and leaving ${c.name} out of games by ${c.other} happened repeatedly over ${c.int(3, 7)} weeks. This is confirmed as bullying under the anti-bullying policy. Both families told by phone; support plan for ${c.name} and a behaviour plan for ${c.other}.`,
  },
  {
    key: "care-planning",
    pool: "cla",
    by: "dsl",
    categories: [["Looked-after children", "Care planning"]],
    when: "meeting",
    places: ["DSL office"],
    agencies: ["Children's social care", "Virtual school"],
    closed: 0.3,
    text: (c) =>
      `${c.name} became looked after on ${c.date} and is living with ${c.pick(["foster carers", "an aunt, as a kinship foster placement", "foster carers in the next town"])}. The social worker confirmed who may collect ${c.him} and that ${c.carer} has supervised contact only. The virtual school has been told; a PEP meeting will be held within 20 school days. Office has updated the contacts.`,
  },
  {
    key: "pep-meeting",
    pool: "cla",
    by: "dsl",
    categories: [["Looked-after children", "PEP meeting"]],
    when: "meeting",
    places: ["Meeting room"],
    agencies: ["Virtual school"],
    closed: 0.7,
    text: (c) =>
      `PEP meeting at ${c.time} with the social worker, foster carer, virtual school officer and class teacher. ${c.name} said ${quote(c.pick(["I like my new bedroom", "I want to see Mum more", "I like it when my foster carer picks me up"]))}. Targets: ${c.pick(["reading at home five times a week", "times tables to 12", "joining an after-school club"])}. Pupil premium plus to fund ${c.pick(["1:1 tutoring", "ELSA sessions", "a place at football club"])}.`,
  },
  {
    key: "cla-review",
    pool: "cla",
    by: "dsl",
    categories: [["Looked-after children", "CLA review"]],
    when: "meeting",
    places: ["Online meeting"],
    agencies: ["Children's social care", "Virtual school"],
    closed: 0.7,
    text: (c) =>
      `CLA review chaired by the independent reviewing officer at ${c.time}. School report shared: attendance ${c.percent(92, 99)}%, ${c.name} ${c.pick(["is settled in class", "has made friends in the class", "has had two difficult days after contact"])}. The care plan continues. Next review in six months.`,
  },
];

/** The order a DSL's records take when a child's help steps up: first these, then these again and again. */
export const SEQUENCES: Record<
  "early" | "cin" | "cp" | "cla",
  { first: string[]; repeat: string[] }
> = {
  early: {
    first: ["dsl-phone-call", "mash-advice", "early-help-assessment"],
    repeat: [
      "taf-meeting",
      "taf-meeting",
      "taf-meeting",
      "dsl-phone-call",
      "mash-advice",
      "school-nurse-referral",
      "camhs-referral",
      "confirmed-bullying",
    ],
  },
  cin: { first: ["referral-to-social-care", "cin-plan"], repeat: ["cin-meeting"] },
  cp: {
    first: ["strategy-meeting", "initial-conference", "cp-plan"],
    repeat: [
      "core-group",
      "core-group",
      "core-group",
      "core-group",
      "review-conference",
      "police-report",
    ],
  },
  cla: { first: ["care-planning", "pep-meeting"], repeat: ["cla-review", "pep-meeting"] },
};
