// A real OpenID Connect provider (the certified `oidc-provider` package from the npm
// registry) on loopback, for the single sign-on tests. It stands in for Microsoft Entra ID
// tenants and NHS CIS2: each is an issuer mounted at its own path, with the clients the
// test configures (client secret, or private_key_jwt with the public key the test gives).
//
// Its own sign-in page takes the person's address and, for the tests' sake, which tenant
// (`tid`) and assurance level (`acr`) the account has. POST /control with {"mode": ...}
// alters the next ID token the token endpoint returns, as an attacker in the middle or a
// misbehaving provider would: "tamper" (payload changed, signature kept), "audience" and
// "expired" (changed, then signed again with the provider's own key, so only the claim is
// wrong). It prints "listening <port>" once ready and stops when its stdin closes.
import http from 'node:http';
import { createHash } from 'node:crypto';
import Provider, { interactionPolicy } from 'oidc-provider';
import { SignJWT, exportJWK, generateKeyPair, decodeJwt, decodeProtectedHeader } from 'jose';

const config = JSON.parse(process.env.PROVIDER_CONFIG);
const accounts = new Map();
let mode = 'normal';
const mounts = [];

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

function html(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
  });
}

function b64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function alter(idToken) {
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'tamper') {
    const [header, , signature] = idToken.split('.');
    return [header, b64url({ ...claims, email: 'someone.else@example.nhs.uk' }), signature].join('.');
  }
  if (mode === 'audience') claims.aud = 'another-service';
  if (mode === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
  const { kid, alg } = decodeProtectedHeader(idToken);
  return new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(privateKey);
}

function makeProvider(issuer, prefix, spec) {
  // Entra ID's "choose an account" prompt: here it shows the same sign-in page.
  const policy = interactionPolicy.base();
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }));
  const provider = new Provider(issuer, {
    clients: spec.clients,
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['loopback-test-provider-only'] },
    claims: { openid: ['sub', 'tid'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    acrValues: spec.acrValues || [],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'RS512', 'PS256', 'ES256'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = html('Sign out', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`);
        },
      },
    },
    interactions: { policy, url: (ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    findAccount: async (ctx, id) => ({
      accountId: id,
      async claims() {
        const account = accounts.get(id) || {};
        return {
          sub: createHash('sha256').update(`${issuer}|${id}`).digest('hex').slice(0, 32),
          email: id,
          email_verified: account.email_verified !== 'false',
          name: id.split('@')[0],
          tid: account.tid,
        };
      },
    }),
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc && ctx.oidc.route === 'token' && mode !== 'normal' && ctx.body && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await alter(ctx.body.id_token) };
      mode = 'normal';
    }
  });
  return provider;
}

async function interaction(provider, prefix, req, res) {
  const rest = req.url.slice(prefix.length);
  const [, , uid, action] = rest.split('?')[0].split('/');
  if (req.method === 'GET' && !action) {
    const details = await provider.interactionDetails(req, res);
    res.setHeader('Content-Type', 'text/html');
    res.end(html('Sign in to the test provider', `
      <form method="post" action="${prefix}/interaction/${uid}/login">
        <label>Email <input name="login" value=""></label>
        <label>Tenant <input name="tid" value=""></label>
        <label>Assurance <input name="acr" value=""></label>
        <label>Verified <input name="email_verified" value="true"></label>
        <input type="hidden" name="client" value="${details.params.client_id}">
        <button type="submit">Sign in</button>
      </form>`));
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readBody(req);
    const details = await provider.interactionDetails(req, res);
    const login = form.get('login');
    accounts.set(login, { tid: form.get('tid') || undefined, email_verified: form.get('email_verified') });
    const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    const acr = form.get('acr') || undefined;
    await provider.interactionFinished(req, res, { select_account: {}, login: { accountId: login, acr }, consent: { grantId } }, { mergeWithLastSubmission: false });
    return;
  }
  res.statusCode = 404;
  res.end();
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/control' && req.method === 'POST') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      mode = JSON.parse(Buffer.concat(chunks).toString()).mode;
      res.end(JSON.stringify({ mode }));
      return;
    }
    for (const { prefix, provider, handler } of mounts) {
      if (req.url === prefix || req.url.startsWith(`${prefix}/`) || req.url.startsWith(`${prefix}?`)) {
        if (req.url.startsWith(`${prefix}/interaction/`)) {
          await interaction(provider, prefix, req, res);
          return;
        }
        req.originalUrl = req.url;
        req.url = req.url.slice(prefix.length) || '/';
        handler(req, res);
        return;
      }
    }
    res.statusCode = 404;
    res.end('no such issuer');
  } catch (error) {
    console.error(error);
    res.statusCode = 500;
    res.end(String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  for (const spec of config.providers) {
    const issuer = `http://127.0.0.1:${port}${spec.prefix}`;
    const provider = makeProvider(issuer, spec.prefix, spec);
    mounts.push({ prefix: spec.prefix, provider, handler: provider.callback() });
  }
  process.stdout.write(`listening ${port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
