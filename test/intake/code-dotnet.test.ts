import { describe, expect, it } from 'vitest';
import { checkRequest, type RequestCase, requestsOf } from '../support/code-helpers.js';

const cases: RequestCase[] = [
  {
    name: 'DefaultRequestHeaders.Authorization with AuthenticationHeaderValue',
    code: `using var client = new HttpClient();
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var response = await client.GetAsync("https://api.example.com/v1/me");`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer ${token}' },
    origins: { Authorization: { kind: 'variable', names: ['token'] } },
  },
  {
    name: 'DefaultRequestHeaders.Add with an environment variable and BaseAddress',
    code: `var client = new HttpClient { BaseAddress = new Uri("https://api.example.com/") };
client.DefaultRequestHeaders.Add("x-api-key", Environment.GetEnvironmentVariable("API_KEY"));
var body = await client.GetStringAsync("v2/items");`,
    url: 'https://api.example.com/v2/items',
    headers: { 'x-api-key': 'Environment.GetEnvironmentVariable("API_KEY")' },
    origins: { 'x-api-key': { kind: 'env', names: ['API_KEY'] } },
  },
  {
    name: 'HttpRequestMessage with request.Headers.Add (Postman C# - HttpClient export)',
    code: `var client = new HttpClient();
var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/me");
request.Headers.Add("Authorization", "Bearer {{token}}");
var response = await client.SendAsync(request);
response.EnsureSuccessStatusCode();`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
    origins: { Authorization: { kind: 'template', names: ['token'] } },
  },
  {
    name: 'request header overrides, client default kept when different',
    code: `var client = new HttpClient();
client.DefaultRequestHeaders.Add("X-Client", "web");
var msg = new HttpRequestMessage(HttpMethod.Post, url);
msg.Headers.Authorization = new AuthenticationHeaderValue("Basic", creds);
await client.SendAsync(msg);`,
    method: 'POST',
    headers: { 'X-Client': 'web', Authorization: 'Basic ${creds}' },
  },
  {
    name: 'interpolated string $"Bearer {token}"',
    code: `var token = "abc.def.ghi";
client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
await client.PostAsync("https://api.example.com/v1/jobs", content);`,
    method: 'POST',
    headers: { Authorization: 'Bearer abc.def.ghi' },
    origins: { Authorization: null },
  },
  {
    name: 'Postman C# - RestSharp export',
    code: `var options = new RestClientOptions("https://api.example.com")
{
  MaxTimeout = -1,
};
var client = new RestClient(options);
var request = new RestRequest("/v1/me", Method.Get);
request.AddHeader("Authorization", "Bearer {{token}}");
RestResponse response = await client.ExecuteAsync(request);
Console.WriteLine(response.Content);`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'RestSharp with an HttpBasicAuthenticator',
    code: `var client = new RestClient("https://api.example.com");
client.Authenticator = new HttpBasicAuthenticator("user", password);
var request = new RestRequest("accounts", Method.Post);
var resp = client.Execute(request);`,
    url: 'https://api.example.com/accounts',
    method: 'POST',
    basic: { user: 'user', password: 'password' },
  },
  {
    name: 'verbatim string and a comment',
    code: `// TODO: move to config
const string ApiKey = @"k-123""x";
client.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", ApiKey); /* Azure APIM */
var result = await client.GetAsync("https://contoso.azure-api.net/echo");`,
    headers: { 'Ocp-Apim-Subscription-Key': 'k-123"x' },
  },
];

describe('parseCode: C#', () => {
  it.each(cases)('$name', (c) => checkRequest(c));

  it('does not read a dictionary Add as a request', () => {
    expect(requestsOf('var d = new Dictionary<string, int>();\nd.Add("a", 1);')).toEqual([]);
  });
});
