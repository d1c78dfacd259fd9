// Builds the Fastify app. main.ts listens; tests build it and use inject() without a port.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { accessReviewRoutes } from "./access-review/routes.ts";
import { alertRoutes } from "./alerts/routes.ts";
import { agreementRoutes } from "./auth/agreement-routes.ts";
import { registerAuthentication } from "./auth/authenticate.ts";
import { knownDeviceRoutes } from "./auth/known-device-routes.ts";
import { lockRoutes } from "./auth/lock-routes.ts";
import { passkeyRoutes } from "./auth/passkey-routes.ts";
import { passwordResetRoutes } from "./auth/password-reset-routes.ts";
import { passwordRoutes } from "./auth/password-routes.ts";
import { authRoutes } from "./auth/routes.ts";
import { totpRoutes } from "./auth/totp-routes.ts";
import { webauthnRoutes } from "./auth/webauthn-routes.ts";
import { chronologyRoutes } from "./chronology/routes.ts";
import { dashboardRoutes } from "./dashboard/routes.ts";
import type { Database } from "./db/database.ts";
import { deskRoutes } from "./desk/routes.ts";
import { draftRoutes } from "./drafts/routes.ts";
import { grantRoutes } from "./grants/routes.ts";
import { groupRoutes } from "./groups/routes.ts";
import { alertRuleRoutes } from "./groups/rule-routes.ts";
import { healthRoutes } from "./health/routes.ts";
import { registerErrorHandler } from "./http/error-handler.ts";
import { Problem, problems } from "./http/problem.ts";
import { registerNulGuard } from "./http/reject-nul.ts";
import { registerSecurityHeaders } from "./http/security-headers.ts";
import { addPupilRoutes } from "./imports/add-pupil-route.ts";
import { leavingRoutes } from "./imports/leaving-routes.ts";
import { importRoutes } from "./imports/routes.ts";
import { actionRoutes } from "./incidents/action-routes.ts";
import { incidentFormRoutes } from "./incidents/form-routes.ts";
import { incidentRoutes } from "./incidents/routes.ts";
import { deliveryRoutes } from "./jobs/delivery-routes.ts";
import { pupilRoutes } from "./pupils/routes.ts";
import { reviewSettingsRoutes } from "./roster/review-settings-routes.ts";
import { schoolSettingsRoutes } from "./roster/school-settings-routes.ts";
import { ssoIdentityRoutes } from "./sso/identity-routes.ts";
import { ssoSettingsRoutes } from "./sso/settings-routes.ts";
import { ssoSignInRoutes } from "./sso/sign-in-routes.ts";
import { invitationRoutes } from "./staff/invitation-routes.ts";
import { memberRoutes } from "./staff/member-routes.ts";
import { roleRoutes } from "./staff/role-routes.ts";
import { staffRoutes } from "./staff/routes.ts";
import { secondFactorResetRoutes } from "./staff/second-factor-reset-routes.ts";
import { taxonomyManageRoutes } from "./taxonomy/manage-routes.ts";
import { taxonomyRoutes } from "./taxonomy/routes.ts";
import { vaultRoutes } from "./vault/routes.ts";
import { throwawayVault, type Vault } from "./vault/vault.ts";
import { visitorRoutes } from "./visitors/routes.ts";

declare module "fastify" {
  interface FastifyInstance {
    tesseraRoutes: { method: string; url: string; public: boolean }[];
  }
}

export interface AppOptions {
  db: Database;
  logger?: FastifyServerOptions["logger"];
  /** The built web app (web/dist); served at / when present. */
  webRoot?: string;
  /** Where people reach Tessera, for links made here (else the request's own address). */
  publicUrl?: string;
  /** The document vault's storage and keys; tests get a throwaway one. */
  vault?: Vault;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

// Logs never carry record content: no bodies are logged, and secrets in headers are
// redacted. Routes log ids, never names or accounts of what happened.
export const LOG_REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    // Accounts of what happened can be long; files go through multipart, not JSON.
    bodyLimit: 1024 * 1024,
    // Errors found before routing (a malformed or over-long URL) are problem details too.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode ?? 400;
      const body = new Problem(
        status,
        status === 414 ? "uri-too-long" : "bad-request",
        status === 414 ? "The address is too long" : "There is a problem with the address",
        "Check the address and try again.",
      ).toBody();
      // The raw reply: framework errors happen before any route's types apply.
      reply.raw.writeHead(status, { "content-type": "application/problem+json; charset=utf-8" });
      reply.raw.end(JSON.stringify(body));
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Every route, so the role × endpoint matrix can fail for an endpoint it does not cover.
  const routes: { method: string; url: string; public: boolean }[] = [];
  app.decorate("tesseraRoutes", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, public: Boolean(route.config?.public) });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Tessera API",
        version: "1",
        description:
          "Safeguarding and pastoral records for schools. Errors are RFC 9457 problem details.",
      },
      servers: [{ url: "/" }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyCookie);
  registerSecurityHeaders(app);
  registerErrorHandler(app);
  registerNulGuard(app);

  const vault = options.vault ?? throwawayVault();
  registerAuthentication(app, options.db);
  await app.register(healthRoutes(options.db));
  await app.register(authRoutes(options.db));
  await app.register(lockRoutes(options.db));
  await app.register(totpRoutes(options.db));
  await app.register(webauthnRoutes(options.db, options.publicUrl));
  await app.register(passkeyRoutes(options.db, options.publicUrl));
  await app.register(knownDeviceRoutes(options.db));
  await app.register(secondFactorResetRoutes(options.db));
  await app.register(passwordRoutes(options.db));
  await app.register(passwordResetRoutes(options.db, options.publicUrl));
  await app.register(agreementRoutes(options.db));
  await app.register(pupilRoutes(options.db));
  await app.register(staffRoutes(options.db));
  await app.register(groupRoutes(options.db));
  await app.register(alertRuleRoutes(options.db));
  await app.register(taxonomyRoutes(options.db));
  await app.register(taxonomyManageRoutes(options.db));
  await app.register(grantRoutes(options.db));
  await app.register(incidentRoutes(options.db));
  await app.register(actionRoutes(options.db));
  await app.register(incidentFormRoutes(options.db));
  await app.register(alertRoutes(options.db));
  await app.register(draftRoutes(options.db));
  await app.register(chronologyRoutes(options.db));
  await app.register(dashboardRoutes(options.db));
  await app.register(reviewSettingsRoutes(options.db));
  await app.register(schoolSettingsRoutes(options.db));
  await app.register(deskRoutes(options.db));
  await app.register(deliveryRoutes(options.db));
  await app.register(importRoutes(options.db));
  await app.register(invitationRoutes(options.db));
  await app.register(memberRoutes(options.db));
  await app.register(roleRoutes(options.db));
  await app.register(accessReviewRoutes(options.db));
  await app.register(addPupilRoutes(options.db));
  await app.register(leavingRoutes(options.db));
  await app.register(visitorRoutes(options.db, options.publicUrl));
  await app.register(vaultRoutes(options.db, vault));
  await app.register(ssoSignInRoutes(options.db, vault, options.publicUrl));
  await app.register(ssoSettingsRoutes(options.db, vault, options.publicUrl));
  await app.register(ssoIdentityRoutes(options.db));
  app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const indexHtml = existsSync(`${webRoot}/index.html`)
    ? await readFile(`${webRoot}/index.html`, "utf8")
    : undefined;
  if (indexHtml) {
    // The web app's own files hold no records: they are public, like the sign-in page.
    await app.register(async (web) => {
      web.addHook("onRoute", (route) => {
        route.config = { ...route.config, public: true };
      });
      await web.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    });
  }
  // The web app routes in the browser: any other GET outside the API gets the page.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === "GET" && !request.url.startsWith("/api/");
    if (indexHtml && isPage) {
      return reply.type("text/html; charset=utf-8").send(indexHtml);
    }
    throw problems.notFound(`There is no ${request.method} ${request.url.split("?")[0]} here.`);
  });
  return app;
}
