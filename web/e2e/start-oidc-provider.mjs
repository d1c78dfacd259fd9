// A loopback OpenID Connect provider for the browser tests (playwright.config.ts
// `webServer`): panva's oidc-provider with one client, Tessera's callback as its redirect
// URI, and a one-field login page: whoever types "teacher" signs in as
// teacher@demo.tessera.school with a verified email. Nothing here is Tessera's code.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3311);
const tessera = process.env.TESSERA_URL ?? "http://127.0.0.1:3210";
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "tessera-e2e",
      client_secret: "tessera-e2e-secret",
      redirect_uris: [`${tessera}/api/v1/sso/callback`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["tessera-e2e-provider"] },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 600,
    IdToken: 600,
    Interaction: 600,
    Session: 600,
  },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({
      sub,
      email: `${sub}@demo.tessera.school`,
      email_verified: true,
      name: sub,
    }),
  }),
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: false } },
});

const page = (uid) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Test provider</title></head>
<body><main><h1>Test provider</h1>
<form method="post" action="/interaction/${uid}">
<label for="user">Username</label> <input id="user" name="user" autocomplete="off">
<button type="submit">Continue</button>
</form></main></body></html>`;

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = req.url?.match(/^\/interaction\/([\w-]+)$/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      res.setHeader("content-type", "text/html; charset=utf-8");
      return res.end(page(details.uid));
    }
    let body = "";
    for await (const chunk of req) body += chunk;
    const user = new URLSearchParams(body).get("user")?.trim() || "nobody";
    await provider.interactionFinished(req, res, { login: { accountId: user } });
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
server.listen(port, "127.0.0.1");
