// A real OpenID Connect provider on loopback for the SSO tests (panva's oidc-provider),
// and a browser's part of the authorization code flow driven over HTTP: fetch with manual
// redirects and a cookie jar per browser. The person who "signs in" at the provider, and
// the claims it gives, are chosen by the test.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  tid?: string;
  hd?: string;
  amr?: string[];
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the provider next (keyed by sub: a changed email keeps the sub). */
  people: Map<string, ProviderPerson>;
  /** The sub the next login interaction finishes with; an unknown one cancels. */
  next: { sub: string };
  close(): Promise<void>;
}

export async function startProvider(options: {
  redirectUri: string;
  port?: number;
}): Promise<TestProvider> {
  const people = new Map<string, ProviderPerson>();
  const next = { sub: "" };
  const clientId = "tessera-test";
  const clientSecret = randomBytes(24).toString("base64url");
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    // The ID token carries the email, tid and hd (Tessera reads no userinfo).
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub", "tid", "hd", "amr"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => {
          const { amr: _amr, ...claims } = person;
          return claims;
        },
      };
    },
    // First-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId ?? clientId,
        accountId: ctx.oidc.session?.accountId ?? "",
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: false } },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      try {
        const person = people.get(next.sub);
        // Nobody to sign in as: the person cancelled at the provider.
        await provider.interactionFinished(
          req,
          res,
          person
            ? { login: { accountId: person.sub, ...(person.amr ? { amr: person.amr } : {}) } }
            : { error: "access_denied", error_description: "The person cancelled." },
        );
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    people,
    next,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies for one site, by name and path (enough for the provider's). */
export class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const path =
        attributes
          .map((a) => a.trim())
          .find((a) => a.toLowerCase().startsWith("path="))
          ?.slice(5) ?? "/";
      const expired = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split(";")[0]}=${c.value}`)
      .join("; ");
  }
}

/**
 * Follows the provider's redirects from the authorization URL until it sends the browser
 * back to `redirectUri`; returns that URL (with code, state and iss).
 */
export async function passThroughProvider(
  authorizationUrl: string,
  redirectUri: string,
  jar = new CookieJar(),
): Promise<URL> {
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: jar.header(url) },
    });
    jar.store(response);
    const location = response.headers.get("location");
    if (!location) {
      throw new Error(
        `the provider stopped at ${url.pathname}: ${response.status} ${await response.text()}`,
      );
    }
    url = new URL(location, url);
  }
  throw new Error("too many redirects at the provider");
}
