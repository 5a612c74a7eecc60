import { describe, expect, it } from 'vitest';
import { checkRequest, type RequestCase, requestsOf } from '../support/code-helpers.js';

const cases: RequestCase[] = [
  {
    name: 'requests.get with a headers dict, an f-string and os.environ',
    code: `import os
import requests

token = os.environ["GITHUB_TOKEN"]
headers = {"Authorization": f"token {token}", "Accept": "application/vnd.github+json"}
resp = requests.get("https://api.github.com/user", headers=headers)`,
    url: 'https://api.github.com/user',
    method: 'GET',
    headers: { Authorization: 'token {token}', Accept: 'application/vnd.github+json' },
    origins: { Authorization: { kind: 'env', names: ['GITHUB_TOKEN'] } },
  },
  {
    name: 'auth tuple',
    code: `r = requests.post("https://api.example.com/v1/charges", auth=("sk_test_123", ""), data={"amount": 100})`,
    method: 'POST',
    basic: { user: 'sk_test_123', password: '' },
  },
  {
    name: 'HTTPBasicAuth with getenv',
    code: `from requests.auth import HTTPBasicAuth
resp = requests.get(URL, auth=HTTPBasicAuth("admin", os.getenv("ADMIN_PASSWORD")))`,
    basic: { user: 'admin', password: 'os.getenv("ADMIN_PASSWORD")' },
  },
  {
    name: '"Bearer " + token concatenation',
    code: `api_key = "abc123"
requests.get("https://api.example.com/items", headers={"Authorization": "Bearer " + api_key})`,
    headers: { Authorization: 'Bearer abc123' },
    origins: { Authorization: null },
  },
  {
    name: '% formatting',
    code: `req = urllib.request.Request("https://api.example.com/me", headers={"Authorization": "Bearer %s" % TOKEN})
req.add_header("X-Trace", "1")
with urllib.request.urlopen(req) as r:
    print(r.read())`,
    url: 'https://api.example.com/me',
    headers: { Authorization: 'Bearer ${TOKEN}', 'X-Trace': '1' },
    origins: { Authorization: { kind: 'variable', names: ['TOKEN'] } },
  },
  {
    name: 'str.format and an httpx client with base_url',
    code: `with httpx.Client(base_url="https://api.example.com", headers={"Authorization": "Bearer {}".format(key)}) as client:
    r = client.get("/v1/me")`,
    url: 'https://api.example.com/v1/me',
    headers: { Authorization: 'Bearer ${key}' },
  },
  {
    name: 'requests.Session with headers.update',
    code: `s = requests.Session()
s.headers.update({"Authorization": "Bearer " + os.getenv("TOKEN")})
s.get("https://api.example.com/me")`,
    url: 'https://api.example.com/me',
    headers: { Authorization: 'Bearer ${os.getenv("TOKEN")}' },
    origins: { Authorization: { kind: 'env', names: ['TOKEN'] } },
  },
  {
    name: 'session.headers index assignment',
    code: `session = requests.Session()
session.headers["X-Api-Key"] = API_KEY  # from settings
session.post("https://api.example.com/v1/jobs", json={"a": 1})`,
    method: 'POST',
    headers: { 'X-Api-Key': 'API_KEY' },
  },
  {
    name: 'Postman Python - Requests export',
    code: `import requests

url = "https://api.example.com/v1/me"

payload = {}
headers = {
  'Authorization': 'Bearer {{token}}'
}

response = requests.request("GET", url, headers=headers, data=payload)

print(response.text)`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
    origins: { Authorization: { kind: 'template', names: ['token'] } },
  },
  {
    name: 'Postman Python - http.client export',
    code: `import http.client

conn = http.client.HTTPSConnection("api.example.com")
payload = ''
headers = {
  'Authorization': 'Bearer {{token}}'
}
conn.request("GET", "/v1/me", payload, headers)
res = conn.getresponse()`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'aiohttp session with headers and per-request params',
    code: `async with aiohttp.ClientSession(headers={"X-API-KEY": os.environ.get("MY_KEY")}) as session:
    async with session.get("https://api.example.com/search", params={"q": "x"}) as resp:
        data = await resp.json()`,
    url: 'https://api.example.com/search?q=x',
    headers: { 'X-API-KEY': 'os.environ.get("MY_KEY")' },
    origins: { 'X-API-KEY': { kind: 'env', names: ['MY_KEY'] } },
  },
  {
    name: 'headers dict built by index assignment',
    code: `headers = {}
headers["Authorization"] = f"Bearer {os.environ['API_TOKEN']}"
r = requests.get(ENDPOINT, headers=headers, timeout=10)`,
    headers: { Authorization: "Bearer {os.environ['API_TOKEN']}" },
    origins: { Authorization: { kind: 'env', names: ['API_TOKEN'] } },
  },
  {
    name: 'a token set to None is sent as None',
    code: `token = None
requests.get("https://api.x.com", headers={"Authorization": f"Bearer {token}"})`,
    headers: { Authorization: 'Bearer None' },
    notes: ['code.empty_variable'],
  },
];

describe('parseCode: Python', () => {
  it.each(cases)('$name', (c) => checkRequest(c));

  it('does not take a dict .get() for a request', () => {
    expect(requestsOf(`config = {"a": 1}\nvalue = config.get("a")\nprint(value)`)).toEqual([]);
  });
});
