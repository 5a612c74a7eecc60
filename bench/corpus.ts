/**
 * A benchmark corpus: one realistic paste per kind, with fake credentials built at run time (so no
 * secret scanner mistakes this file for a leak).
 */
const fake = (prefix: string, n: number) => prefix + 'Ab3dE5gH7jK9mN2pQ4sT6vW8yZ'.repeat(8).slice(0, n);
const jwt = [
  Buffer.from('{"alg":"RS256","kid":"k1","typ":"JWT"}').toString('base64url'),
  Buffer.from(
    '{"iss":"https://login.example.test/","aud":"api://other","exp":1700000000,"scp":"read"}',
  ).toString('base64url'),
  fake('', 86),
].join('.');

export const CORPUS: Record<string, string> = {
  curl: `curl -sS -X POST 'https://api.example.test/v1/charges?expand=customer' \\
  -H 'Authorization: Bearer ${fake('sk_live_', 32)}' \\
  -H "Content-Type: application/json" \\
  -H 'Idempotency-Key: 5f1c' \\
  --data-raw '{"amount":2000,"currency":"usd"}' -L`,
  curl_cmd: `curl "https://api.example.test/v1/me" ^
  -H "authority: api.example.test" ^
  -H "authorization: Bearer ${jwt}" ^
  -H "cookie: sid=${fake('', 32)}; theme=dark" ^
  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"124^\\^"^" ^
  --compressed`,
  curl_trace: `curl -v -L https://example.test/api/me -H "Authorization: token ${fake('ghp_', 36)}"
* Connected to example.test (93.184.216.34) port 443
* ALPN: server accepted h2
> GET /api/me HTTP/2
> Host: example.test
> user-agent: curl/8.4.0
> authorization: token ${fake('ghp_', 36)}
>
< HTTP/2 301
< location: https://api.example.test/me
<
* Issue another request to this URL: 'https://api.example.test/me'
* Connected to api.example.test (93.184.216.35) port 443
> GET /me HTTP/2
> Host: api.example.test
> user-agent: curl/8.4.0
>
< HTTP/2 401
< www-authenticate: Bearer realm="api", error="invalid_token"
< content-type: application/json
<
{"message":"Requires authentication","documentation_url":"https://docs.example.test/rest"}`,
  http: `GET /v1/users/me HTTP/1.1
Host: api.example.test
Authorization: Basic ${Buffer.from(`me@example.test:${fake('', 24)}`).toString('base64')}
Accept: application/json

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Basic realm="api", charset="UTF-8"
Content-Type: application/json

{"error":"invalid_client","error_description":"Client authentication failed"}`,
  har: JSON.stringify({
    log: {
      version: '1.2',
      entries: Array.from({ length: 30 }, (_, i) => ({
        request: {
          method: 'GET',
          url: `https://app.example.test/api/item/${i}`,
          headers: [{ name: 'Authorization', value: `Bearer ${jwt}` }],
          cookies: [],
          queryString: [],
        },
        response: {
          status: i === 17 ? 401 : 200,
          statusText: i === 17 ? 'Unauthorized' : 'OK',
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          content: {
            mimeType: 'application/json',
            text: i === 17 ? '{"error":"token_expired"}' : '{"ok":true}',
          },
          redirectURL: '',
        },
      })),
    },
  }),
  httpie: `http --follow POST https://api.example.test/v1/messages Authorization:"Bearer ${fake('xoxb-', 40)}" channel=C1 text=hi`,
  powershell: `$headers = @{
  "Authorization" = "Bearer ${fake('', 40)}"
  "Accept" = "application/json"
}
Invoke-RestMethod -Uri "https://api.example.test/v1/me" -Method Get -Headers $headers`,
  code: `const res = await fetch('https://api.example.test/v1/me', {
  method: 'GET',
  headers: { Authorization: \`Bearer \${process.env.API_TOKEN}\`, 'X-Api-Key': '${fake('', 32)}' },
});
if (!res.ok) throw new Error(\`HTTP \${res.status}\`);`,
  error_log: `AxiosError: Request failed with status code 401
    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)
    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:599:11)
  code: 'ERR_BAD_REQUEST',
  config: { url: 'https://api.example.test/v1/me', method: 'get', headers: { Authorization: 'Bearer ${fake('', 40)}' } },
  response: { status: 401, statusText: 'Unauthorized', data: { error: 'invalid_token' } }`,
  json_body: `{
  "error": {
    "message": "Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.example.test/account/api-keys.",
    "type": "invalid_request_error",
    "param": null,
    "code": "invalid_api_key"
  }
}`,
  slack_formatted: `<@U0ABCDEFG> this fails with 401:
\`\`\`curl -H “Authorization: Bearer ${fake('', 40)}” <https://api.example.test/v1/me?a=1&amp;b=2|api.example.test/v1/me>\`\`\``,
};

/** A mixed paste, repeated until it is `bytes` long: the input for the scaling measurement. */
export function mixedPaste(bytes: number): string {
  const unit = Object.values(CORPUS).join('\n\n');
  let out = '';
  while (out.length < bytes) out += `${unit}\n\n`;
  return out.slice(0, bytes);
}
