export * from "./access.ts";
export * from "./audit.ts";
export * from "./global.ts";
export * from "./incidents.ts";
export * from "./outbox.ts";
export * from "./pupils.ts";
export * from "./schools.ts";
export * from "./taxonomy.ts";
