// Each school's own copy of the taxonomy (../../../../shared/taxonomy/default-categories.json
// at creation). Schools rename, add, hide and reorder; records keep the id they were
// filed under, so history keeps its meaning.
import {
  type AnyPgColumn,
  boolean,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { schools } from "./schools.ts";

export const AREAS = ["general", "medical", "send", "safeguarding", "child_protection"] as const;
export type Area = (typeof AREAS)[number];

export const categories = pgTable(
  "categories",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    // A subcategory names its parent; top-level categories have none.
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    area: text("area", { enum: AREAS }).notNull(),
    dslOnly: boolean("dsl_only").notNull().default(false),
    // A notifiable incident (serious harm, a child's death…): pre-set rules may alert on it.
    notifiable: boolean("notifiable").notNull().default(false),
    transfers: boolean("transfers").notNull().default(true),
    hidden: boolean("hidden").notNull().default(false),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.parentId],
      foreignColumns: [t.schoolId, t.id] as [AnyPgColumn, AnyPgColumn],
    }),
  ],
);

// Every name a category has had, from when (append-only): a record shows the name it was
// filed under beside the current one, so a rename never rewrites what staff chose.
export const categoryNames = pgTable(
  "category_names",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    categoryId: uuid("category_id").notNull(),
    name: text("name").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull().defaultNow(),
    // Who named it; none for names copied from the default taxonomy.
    byId: uuid("by_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.categoryId],
      foreignColumns: [categories.schoolId, categories.id],
    }),
  ],
);

export const agencies = pgTable(
  "agencies",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    hidden: boolean("hidden").notNull().default(false),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

export const thresholds = pgTable(
  "thresholds",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    // Who may read a decision at this threshold: child protection ones are restricted.
    area: text("area", { enum: AREAS }).notNull().default("safeguarding"),
    hidden: boolean("hidden").notNull().default(false),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// The vault's document types (they lived in the school's settings before): each with
// the area a document of that type is filed in unless the uploader chooses another.
// Documents keep the type's name as it was at upload; the name history below says what
// that type is called now.
export const documentTypes = pgTable(
  "document_types",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    area: text("area", { enum: AREAS }).notNull(),
    hidden: boolean("hidden").notNull().default(false),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// Every name an agency, a threshold or a document type has had, from when (append-only),
// as category_names does for categories: a record shows the name it was filed under
// beside the current one.
export const agencyNames = pgTable(
  "agency_names",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    agencyId: uuid("agency_id").notNull(),
    name: text("name").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull().defaultNow(),
    byId: uuid("by_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.agencyId],
      foreignColumns: [agencies.schoolId, agencies.id],
    }),
  ],
);

export const thresholdNames = pgTable(
  "threshold_names",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    thresholdId: uuid("threshold_id").notNull(),
    name: text("name").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull().defaultNow(),
    byId: uuid("by_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.thresholdId],
      foreignColumns: [thresholds.schoolId, thresholds.id],
    }),
  ],
);

export const documentTypeNames = pgTable(
  "document_type_names",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    documentTypeId: uuid("document_type_id").notNull(),
    name: text("name").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull().defaultNow(),
    byId: uuid("by_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.documentTypeId],
      foreignColumns: [documentTypes.schoolId, documentTypes.id],
    }),
  ],
);
