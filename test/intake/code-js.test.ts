import { describe, expect, it } from 'vitest';
import { checkRequest, parse, type RequestCase, requestsOf } from '../support/code-helpers.js';

const cases: RequestCase[] = [
  {
    name: 'fetch with a template literal and an env token',
    code: `const token = process.env.API_TOKEN;
// call the API
const res = await fetch('https://api.example.com/v1/me', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ a: 1 }),
});`,
    url: 'https://api.example.com/v1/me',
    method: 'POST',
    methodExplicit: true,
    headers: { Authorization: 'Bearer ${token}', 'Content-Type': 'application/json' },
    origins: { Authorization: { kind: 'env', names: ['API_TOKEN'] }, 'Content-Type': null },
  },
  {
    name: 'fetch with a token assigned a literal earlier',
    code: `const API_KEY = 'abc123';
fetch("https://api.x.com/me", { headers: { "x-api-key": API_KEY } }).then((r) => r.json());`,
    url: 'https://api.x.com/me',
    method: 'GET',
    methodExplicit: false,
    headers: { 'x-api-key': 'abc123' },
    origins: { 'x-api-key': null },
  },
  {
    name: 'new Headers with set/append',
    code: `const headers = new Headers({ Accept: 'application/json' });
headers.set('Authorization', 'Bearer ' + getToken());
headers.append('X-Api-Key', key);
const res = await fetch(url, { headers });`,
    headers: { Accept: 'application/json', Authorization: 'Bearer ${getToken()}', 'X-Api-Key': 'key' },
    origins: { 'X-Api-Key': { kind: 'variable', names: ['key'] } },
  },
  {
    name: 'axios.get with a config object',
    code: `const { data } = await axios.get('https://api.github.com/user', {
  headers: { Authorization: 'token ' + process.env.GH_TOKEN },
});`,
    url: 'https://api.github.com/user',
    method: 'GET',
    headers: { Authorization: 'token ${process.env.GH_TOKEN}' },
    origins: { Authorization: { kind: 'env', names: ['GH_TOKEN'] } },
  },
  {
    name: 'axios.post: data then config, basic auth',
    code: `await axios.post('https://api.example.com/oauth/token', { grant_type: 'client_credentials' }, {
  auth: { username: clientId, password: 'shh' },
});`,
    method: 'POST',
    basic: { user: 'clientId', password: 'shh' },
  },
  {
    name: 'axios(config) with url, method and headers',
    code: `axios({ url: '/v1/items', baseURL: 'https://api.example.com', method: 'delete', headers: { 'X-Auth-Token': tok } })`,
    url: 'https://api.example.com/v1/items',
    method: 'DELETE',
    headers: { 'X-Auth-Token': 'tok' },
  },
  {
    name: 'axios.create instance with baseURL and default headers',
    code: `const api = axios.create({ baseURL: 'https://api.x.com/v2/', headers: { 'X-Api-Key': 'abc123' } });
const r = await api.get('/users', { params: { page: 2 } });`,
    url: 'https://api.x.com/v2/users?page=2',
    headers: { 'X-Api-Key': 'abc123' },
  },
  {
    name: 'axios.defaults.headers.common',
    code: `axios.defaults.headers.common['Authorization'] = \`Bearer \${token}\`;
axios.defaults.baseURL = 'https://api.example.com';
const { data } = await axios.get('/me');`,
    url: 'https://api.example.com/me',
    headers: { Authorization: 'Bearer ${token}' },
    origins: { Authorization: { kind: 'variable', names: ['token'] } },
  },
  {
    name: 'superagent .set',
    code: `superagent.get('https://api.x.com/me').set('Authorization', 'token ' + tok).end(cb)`,
    url: 'https://api.x.com/me',
    headers: { Authorization: 'token ${tok}' },
  },
  {
    name: 'got with headers',
    code: `const body = await got('https://api.example.com/things', { headers: { 'api-key': process.env.KEY } }).json();`,
    url: 'https://api.example.com/things',
    headers: { 'api-key': 'process.env.KEY' },
    origins: { 'api-key': { kind: 'env', names: ['KEY'] } },
  },
  {
    name: 'Postman NodeJs - Native export (https.request options)',
    code: `var https = require('follow-redirects').https;
var options = {
  'method': 'GET',
  'hostname': 'api.example.com',
  'path': '/v1/me',
  'headers': {
    'Authorization': 'Bearer {{token}}'
  },
  'maxRedirects': 20
};
var req = https.request(options, function (res) {
  var chunks = [];
});
req.end();`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
    origins: { Authorization: { kind: 'template', names: ['token'] } },
  },
  {
    name: 'Postman JavaScript - XHR export',
    code: `var xhr = new XMLHttpRequest();
xhr.withCredentials = true;
xhr.open("GET", "https://api.example.com/v1/me");
xhr.setRequestHeader("Authorization", "Bearer <token>");
xhr.send();`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer <token>' },
    origins: { Authorization: null },
  },
  {
    name: 'Postman JavaScript - jQuery export',
    code: `var settings = {
  "url": "https://api.example.com/v1/me",
  "method": "GET",
  "timeout": 0,
  "headers": {
    "Authorization": "Bearer {{token}}"
  },
};
$.ajax(settings).done(function (response) { console.log(response); });`,
    url: 'https://api.example.com/v1/me',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'a token variable set to undefined is sent as the text undefined',
    code: `let token = undefined;
fetch("https://api.x.com/me", { headers: { "Authorization": "Bearer " + token } })`,
    headers: { Authorization: 'Bearer undefined' },
    notes: ['code.empty_variable'],
  },
  {
    name: 'the literal word token as the header value',
    code: `fetch('https://api.x.com/me', { headers: { Authorization: 'token' } })`,
    headers: { Authorization: 'token' },
    origins: { Authorization: null },
  },
  {
    name: '${} inside double quotes is sent literally',
    code: `const res = await fetch("https://api.x.com/me", { headers: { Authorization: "Bearer \${token}" } })`,
    headers: { Authorization: 'Bearer ${token}' },
    origins: { Authorization: null },
    notes: ['code.template_in_plain_string'],
  },
  {
    name: 'Basic auth computed with btoa from a literal',
    code: `fetch(url, { headers: { Authorization: 'Basic ' + btoa('user:pass') } })`,
    headers: { Authorization: 'Basic dXNlcjpwYXNz' },
  },
  {
    name: 'Basic auth from Buffer with variables stays as written',
    code: `const auth = Buffer.from(\`\${user}:\${pass}\`).toString('base64');
await fetch('https://api.x.com', { headers: { Authorization: \`Basic \${auth}\` } });`,
    headers: { Authorization: 'Basic ${auth}' },
    origins: { Authorization: { kind: 'variable', names: ['auth'] } },
  },
  {
    name: 'Angular HttpClient with HttpHeaders',
    code: `const headers = new HttpHeaders({ Authorization: \`Bearer \${this.auth.token}\` });
return this.http.get<User>('/api/me', { headers });`,
    url: '/api/me',
    headers: { Authorization: 'Bearer ${this.auth.token}' },
  },
];

describe('parseCode: JavaScript / TypeScript', () => {
  it.each(cases)('$name', (c) => checkRequest(c));

  it('reads two requests in one paste', () => {
    const reqs = requestsOf(`await fetch('https://a.example.com/x', { headers: { 'X-Key': 'one' } });
await fetch('https://b.example.com/y', { method: 'PUT', headers: { 'X-Key': 'two' } });`);
    expect(reqs.map((r) => [r.url, r.method, r.headers[0]?.value])).toEqual([
      ['https://a.example.com/x', 'GET', 'one'],
      ['https://b.example.com/y', 'PUT', 'two'],
    ]);
  });

  it('reads an instance .put(url, data) as a request, not a header', () => {
    const reqs =
      requestsOf(`const api = axios.create({ baseURL: 'https://api.x.com', headers: { 'X-Key': k } });
await api.put('/users/1', { name: 'a' });`);
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatchObject({ method: 'PUT', url: 'https://api.x.com/users/1' });
    expect(reqs[0]?.headers.map((h) => h.name)).toEqual(['X-Key']);
  });

  it('gives exchange lines in paste coordinates', () => {
    const f = parse(`// comment\n\nfetch('https://x.example.com', {})`, 10);
    expect(f.exchanges?.[0]?.line).toBe(12);
    expect(f.kinds).toEqual(['code']);
  });

  it('does not read a declared function named fetch as a request', () => {
    expect(requestsOf('async function fetch(url) {\n  return url;\n}')).toEqual([]);
  });
});
