/**
 * A small but real OpenID Connect provider on a loopback port, for sign-in tests through the real
 * next-auth handler: discovery, an authorization endpoint that answers at once for the identity
 * the test chose (`idp.nextLogin`), a token endpoint that checks the code, the client secret and
 * the PKCE verifier, and RS256-signed ID tokens with their JWKS. Built on node:crypto only.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type IdpIdentity = { sub: string; email?: string; email_verified?: boolean; name?: string };

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export async function startOidcProvider(opts: { clientId: string; clientSecret: string; realm?: string }) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(6).toString("hex");
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  const codes = new Map<
    string,
    { identity: IdpIdentity; challenge: string | null; redirectUri: string; nonce: string | null }
  >();
  const realm = opts.realm ?? "test";
  let issuer = "";
  const state = {
    /** Who "signs in" at the next authorization request. */
    nextLogin: null as IdpIdentity | null,
    /** Every authorization request seen (its query). */
    authorizations: [] as URLSearchParams[],
    tokenRequests: 0,
  };

  const sign = (claims: Record<string, unknown>) => {
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(JSON.stringify(claims));
    const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  };

  const readBody = async (req: http.IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://idp");
      const path = url.pathname.replace(`/realms/${realm}`, "");
      const json = (status: number, body: unknown) => {
        res.statusCode = status;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(body));
      };
      if (path === "/.well-known/openid-configuration") {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/certs`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          code_challenge_methods_supported: ["S256"],
          scopes_supported: ["openid", "email", "profile"],
        });
      }
      if (path === "/certs") return json(200, { keys: [jwk] });
      if (path === "/auth") {
        state.authorizations.push(url.searchParams);
        const redirectUri = url.searchParams.get("redirect_uri") ?? "";
        if (url.searchParams.get("client_id") !== opts.clientId || !state.nextLogin) {
          return json(400, { error: "invalid_request" });
        }
        const code = randomBytes(16).toString("base64url");
        codes.set(code, {
          identity: state.nextLogin,
          challenge: url.searchParams.get("code_challenge"),
          redirectUri,
          nonce: url.searchParams.get("nonce"),
        });
        const back = new URL(redirectUri);
        back.searchParams.set("code", code);
        const st = url.searchParams.get("state");
        if (st) back.searchParams.set("state", st);
        res.statusCode = 302;
        res.setHeader("location", back.toString());
        return res.end();
      }
      if (path === "/token" && req.method === "POST") {
        state.tokenRequests++;
        const body = await readBody(req);
        const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
        const [id, secret] = basic
          ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent)
          : [body.get("client_id"), body.get("client_secret")];
        if (id !== opts.clientId || secret !== opts.clientSecret)
          return json(401, { error: "invalid_client" });
        const grant = codes.get(body.get("code") ?? "");
        codes.delete(body.get("code") ?? "");
        if (!grant || grant.redirectUri !== body.get("redirect_uri"))
          return json(400, { error: "invalid_grant" });
        if (grant.challenge) {
          const verifier = body.get("code_verifier") ?? "";
          if (b64url(createHash("sha256").update(verifier).digest()) !== grant.challenge)
            return json(400, { error: "invalid_grant" });
        }
        const now = Math.floor(Date.now() / 1000);
        const idToken = sign({
          iss: issuer,
          aud: opts.clientId,
          iat: now,
          exp: now + 300,
          ...(grant.nonce ? { nonce: grant.nonce } : {}),
          ...grant.identity,
        });
        return json(200, {
          access_token: randomBytes(16).toString("hex"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: idToken,
        });
      }
      res.statusCode = 404;
      res.end();
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/${realm}`;
  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
