import rule from '../../../src/rules/shell-variable-not-expanded.js';
import { defineCases } from '../../support/rule-cases.js';

const URL = 'https://api.acme.test/v2/orders';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a multi-line command pasted with its prompt, $VAR in single quotes',
      paste: `$  curl \\\n  -X POST \\\n  -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer $ACME_DEPLOY_TOKEN' \\\n  --data '{"ref":"main"}' \\\n  ${URL}\n\n{"status":401,"message":"Unauthorized"}\n`,
      expect: {
        cause: 'placeholder_or_unexpanded',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['single quotes', '`$ACME_DEPLOY_TOKEN`'],
        fix: [`curl -H "Authorization: Bearer $ACME_DEPLOY_TOKEN" -H 'Content-Type: application/json'`, URL],
        minConfidence: 0.9,
      },
    },
    {
      name: '${VAR} in a single-quoted API-key header',
      paste: `curl -H 'X-API-Key: \${ACME_KEY}' ${URL}`,
      expect: { evidence: 'request.headers.x-api-key', fix: ['-H "X-API-Key: ${ACME_KEY}"'] },
    },
    {
      name: 'a single-quoted URL with the key variable',
      paste: `curl '${URL}?api_key=$ACME_KEY'`,
      expect: { evidence: 'request.url.query.api_key', fix: [`curl "${URL}?api_key=$ACME_KEY"`] },
    },
    {
      name: 'PowerShell $env: in single quotes with curl.exe',
      paste: `PS C:\\> curl.exe -H 'Authorization: Bearer $env:ACME_TOKEN' ${URL}`,
      expect: { detail: ['PowerShell'], fix: [`curl.exe -H "Authorization: Bearer $env:ACME_TOKEN"`] },
    },
    {
      name: 'Invoke-RestMethod with a single-quoted header value',
      paste: `Invoke-RestMethod -Uri ${URL} -Headers @{ Authorization = 'Bearer $env:ACME_TOKEN' }`,
      expect: { severity: 'error', fix: ['Authorization = "Bearer $env:ACME_TOKEN"'] },
    },
    {
      name: 'HTTPie with a single-quoted item',
      paste: `http ${URL} 'Authorization:Bearer $ACME_TOKEN'`,
      expect: { fix: [`http ${URL} "Authorization: Bearer $ACME_TOKEN"`] },
    },
    {
      name: 'the server received $TOKEN (raw request)',
      paste: `GET /v2/orders HTTP/1.1\nHost: api.acme.test\nAuthorization: Bearer $ACME_TOKEN\n\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'error', detail: ['literal text `$ACME_TOKEN`'] },
    },
    {
      name: 'a shell variable inside a Python string',
      paste: `import requests\nheaders = {"Authorization": "Bearer $ACME_TOKEN"}\nr = requests.get("${URL}", headers=headers)\nprint(r.status_code)  # 401`,
      expect: { severity: 'error', fix: ['os.environ["ACME_TOKEN"]'] },
    },
    {
      name: 'a JavaScript template in plain quotes',
      paste: `fetch('${URL}', { headers: { Authorization: 'Bearer \${token}' } })`,
      expect: { severity: 'error', detail: ['backticks'], fix: ["'Bearer ' + token"] },
    },
    {
      name: 'cmd.exe %VAR% in a command that may have run elsewhere',
      paste: `curl -H "Authorization: Bearer %ACME_TOKEN%" ${URL}`,
      expect: { severity: 'warning', detail: ['cmd.exe'], fix: ['"$env:ACME_TOKEN"'] },
    },
  ],
  valid: [
    {
      name: 'double quotes: the shell expands it',
      paste: `curl -H "Authorization: Bearer $ACME_TOKEN" ${URL}`,
    },
    {
      name: 'a bare variable after a quoted prefix',
      paste: `curl -H 'Authorization: Bearer '$ACME_TOKEN ${URL}`,
    },
    { name: 'a double-quoted URL with a variable', paste: `curl "${URL}?api_key=$ACME_KEY"` },
    {
      name: 'PowerShell double quotes',
      paste: `Invoke-RestMethod -Uri ${URL} -Headers @{ Authorization = "Bearer $env:ACME_TOKEN" }`,
    },
    {
      name: 'cmd.exe with ^ continuation (the variable is expanded there)',
      paste: `curl -H "Authorization: Bearer %ACME_TOKEN%" ^\n  ${URL}`,
    },
    {
      name: 'a GraphQL $variable in a single-quoted body',
      paste: `curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" -d '{"query":"query($id: ID!) { order(id: $id) { id } }"}' ${URL}`,
    },
    {
      name: 'a single-quoted variable on a request that worked',
      paste: `$ curl -i -H 'X-Trace: $RUN_ID' -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" ${URL}\nHTTP/1.1 200 OK\n\n[]\n`,
    },
  ],
});
