// Configuration comes from the environment (see API.md "Conventions"); nothing else.
import { resolve } from "node:path";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Tessera <no-reply@tessera.invalid>"),
  // The address staff use to reach Tessera; links in emails point here.
  PUBLIC_URL: z.string().optional(),
  // Skip creating the demo school on an empty database (production installs).
  TESSERA_NO_DEMO: z.enum(["1", "true", "0", "false"]).optional(),
  // The document vault: the instance master key (32 bytes, base64 or hex) or a file
  // holding it, outside DATA_DIR; and the largest upload, in MB.
  TESSERA_MASTER_KEY: z.string().optional(),
  TESSERA_MASTER_KEY_FILE: z.string().optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(25),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  demo: boolean;
  logLevel: string;
  masterKey: string | undefined;
  masterKeyFile: string | undefined;
  maxUploadBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Tessera's settings are not right:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`,
    demo: !(e.TESSERA_NO_DEMO === "1" || e.TESSERA_NO_DEMO === "true"),
    logLevel: e.LOG_LEVEL,
    masterKey: e.TESSERA_MASTER_KEY || undefined,
    masterKeyFile: e.TESSERA_MASTER_KEY_FILE ? resolve(e.TESSERA_MASTER_KEY_FILE) : undefined,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
  };
}
