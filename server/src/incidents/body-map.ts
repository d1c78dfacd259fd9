// The body map (seed 004 section 11): marks on front and back outlines, each with a
// type, an approximate size and a factual note. A mark is placed by tapping the
// picture (x, y from 0 to 1) or by choosing a region from the list — the list is the
// accessible way and always names the region.
import { z } from "zod";

export const BODY_REGIONS = {
  front: [
    "Head (front)",
    "Face",
    "Left eye",
    "Right eye",
    "Nose",
    "Mouth",
    "Left ear",
    "Right ear",
    "Neck (front)",
    "Left shoulder",
    "Right shoulder",
    "Chest",
    "Abdomen",
    "Left upper arm",
    "Right upper arm",
    "Left forearm",
    "Right forearm",
    "Left wrist",
    "Right wrist",
    "Left hand",
    "Right hand",
    "Groin",
    "Left thigh",
    "Right thigh",
    "Left knee",
    "Right knee",
    "Left shin",
    "Right shin",
    "Left ankle",
    "Right ankle",
    "Left foot",
    "Right foot",
  ],
  back: [
    "Head (back)",
    "Neck (back)",
    "Upper back",
    "Lower back",
    "Left shoulder blade",
    "Right shoulder blade",
    "Back of left upper arm",
    "Back of right upper arm",
    "Back of left forearm",
    "Back of right forearm",
    "Buttocks",
    "Back of left thigh",
    "Back of right thigh",
    "Back of left knee",
    "Back of right knee",
    "Left calf",
    "Right calf",
    "Left heel",
    "Right heel",
  ],
} as const;

export const MARK_TYPES = [
  "Bruise",
  "Cut",
  "Graze",
  "Scratch",
  "Burn",
  "Bite",
  "Swelling",
  "Redness",
  "Scar",
  "Mark (other)",
] as const;

const ALL_REGIONS: readonly string[] = [...BODY_REGIONS.front, ...BODY_REGIONS.back];

export const BodyMapMark = z
  .object({
    view: z.enum(["front", "back"]),
    region: z
      .string()
      .refine((r) => ALL_REGIONS.includes(r), "Choose a body region from the list."),
    x: z.number().min(0).max(1).optional(),
    y: z.number().min(0).max(1).optional(),
    type: z.enum(MARK_TYPES),
    size: z.string().trim().min(1, "Give an approximate size, for example “about 2 cm”.").max(100),
    note: z.string().trim().max(2000).default(""),
  })
  .refine((m) => (BODY_REGIONS[m.view] as readonly string[]).includes(m.region), {
    message: "That region is not on this side of the body.",
    path: ["region"],
  });

export const BodyMapInput = z.object({ marks: z.array(BodyMapMark).min(1).max(50) });
export type BodyMapInput = z.infer<typeof BodyMapInput>;

/** What is stored: the marks, stamped with who observed them and when (server time). */
export interface StoredBodyMap extends BodyMapInput {
  observerId: string;
  observedAt: string;
}
