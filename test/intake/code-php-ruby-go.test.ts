import { describe, expect, it } from 'vitest';
import { checkRequest, type RequestCase, requestsOf } from '../support/code-helpers.js';

const php: RequestCase[] = [
  {
    name: 'Guzzle client with base_uri, headers and auth',
    code: `<?php
$client = new Client(['base_uri' => 'https://api.example.com/', 'headers' => ['X-Api-Key' => getenv('API_KEY')]]);
$response = $client->request('GET', 'v1/items', ['auth' => ['user', 'secret']]);`,
    url: 'https://api.example.com/v1/items',
    method: 'GET',
    headers: { 'X-Api-Key': "getenv('API_KEY')" },
    origins: { 'X-Api-Key': { kind: 'env', names: ['API_KEY'] } },
    basic: { user: 'user', password: 'secret' },
  },
  {
    name: 'Postman PHP - Guzzle export',
    code: `<?php
$client = new Client();
$headers = [
  'Authorization' => 'Bearer {{token}}'
];
$request = new Request('GET', 'https://api.example.com/v1/me', $headers);
$res = $client->sendAsync($request)->wait();
echo $res->getBody();`,
    url: 'https://api.example.com/v1/me',
    headers: { Authorization: 'Bearer {{token}}' },
    origins: { Authorization: { kind: 'template', names: ['token'] } },
  },
  {
    name: 'Postman PHP - cURL export',
    code: `<?php
$curl = curl_init();
curl_setopt_array($curl, array(
  CURLOPT_URL => 'https://api.example.com/v1/me',
  CURLOPT_RETURNTRANSFER => true,
  CURLOPT_CUSTOMREQUEST => 'GET',
  CURLOPT_HTTPHEADER => array(
    'Authorization: Bearer {{token}}'
  ),
));
$response = curl_exec($curl);
curl_close($curl);`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'curl_setopt with a header array built with interpolation',
    code: `<?php
$token = $_ENV['SHOP_TOKEN'];
$ch = curl_init("https://shop.example.com/admin/api/products.json");
curl_setopt($ch, CURLOPT_HTTPHEADER, ["X-Shopify-Access-Token: $token", 'Accept: application/json']);
curl_setopt($ch, CURLOPT_USERPWD, "apikey:" . $secret);
$out = curl_exec($ch);`,
    url: 'https://shop.example.com/admin/api/products.json',
    headers: { 'X-Shopify-Access-Token': '$token', Accept: 'application/json' },
    origins: { 'X-Shopify-Access-Token': { kind: 'env', names: ['SHOP_TOKEN'] } },
    basic: { user: 'apikey', password: '{$secret}' },
  },
  {
    name: 'Laravel Http facade withToken',
    code: `$response = Http::withToken($token)->acceptJson()->get('https://api.example.com/user');`,
    url: 'https://api.example.com/user',
    headers: { Authorization: 'Bearer {$token}' },
  },
];

const ruby: RequestCase[] = [
  {
    name: 'Postman Ruby - Net::HTTP export',
    code: `require "uri"
require "net/http"

url = URI("https://api.example.com/v1/me")

https = Net::HTTP.new(url.host, url.port)
https.use_ssl = true

request = Net::HTTP::Get.new(url)
request["Authorization"] = "Bearer {{token}}"

response = https.request(request)
puts response.read_body`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'Net::HTTP::Post with ENV and basic_auth without parentheses',
    code: `uri = URI.parse("https://api.example.com/v1/tokens")
req = Net::HTTP::Post.new(uri)
req.basic_auth ENV["CLIENT_ID"], ENV["CLIENT_SECRET"]
req["X-Request-Id"] = SecureRandom.uuid
res = Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |http| http.request(req) }`,
    url: 'https://api.example.com/v1/tokens',
    method: 'POST',
    basic: { user: 'ENV["CLIENT_ID"]', password: 'ENV["CLIENT_SECRET"]' },
  },
  {
    name: 'Faraday with headers and #{} interpolation',
    code: `conn = Faraday.new(url: 'https://api.example.com', headers: { 'Authorization' => "Bearer #{ENV['API_TOKEN']}" })
resp = conn.get('/v1/me')`,
    url: 'https://api.example.com/v1/me',
    headers: { Authorization: "Bearer #{ENV['API_TOKEN']}" },
    origins: { Authorization: { kind: 'env', names: ['API_TOKEN'] } },
  },
  {
    name: 'Faraday block with request :authorization',
    code: `conn = Faraday.new(url: "https://api.example.com") do |f|
  f.request :authorization, 'Bearer', token
end
conn.get("/v1/things")`,
    url: 'https://api.example.com/v1/things',
    headers: { Authorization: 'Bearer ${token}' },
  },
  {
    name: 'HTTParty with headers and basic_auth',
    code: `response = HTTParty.get("https://api.example.com/me", headers: { "Authorization" => "Bearer #{token}" }, basic_auth: { username: "u", password: "p" })`,
    headers: { Authorization: 'Bearer #{token}' },
    origins: { Authorization: { kind: 'variable', names: ['token'] } },
    basic: { user: 'u', password: 'p' },
  },
];

const go: RequestCase[] = [
  {
    name: 'Postman Go - Native export',
    code: `package main

import (
  "fmt"
  "net/http"
)

func main() {
  url := "https://api.example.com/v1/me"
  method := "GET"

  client := &http.Client {
  }
  req, err := http.NewRequest(method, url, nil)

  if err != nil {
    fmt.Println(err)
    return
  }
  req.Header.Add("Authorization", "Bearer {{token}}")

  res, err := client.Do(req)
  defer res.Body.Close()
}`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  {
    name: 'Header.Set with os.Getenv concatenation',
    code: `req, _ := http.NewRequest(http.MethodPost, "https://api.example.com/v1/jobs", body)
req.Header.Set("Authorization", "Bearer "+os.Getenv("API_TOKEN"))
req.Header.Set("Content-Type", "application/json")`,
    method: 'POST',
    headers: { Authorization: 'Bearer ${os.Getenv("API_TOKEN")}', 'Content-Type': 'application/json' },
    origins: { Authorization: { kind: 'env', names: ['API_TOKEN'] } },
  },
  {
    name: 'SetBasicAuth and fmt.Sprintf',
    code: `req, _ := http.NewRequestWithContext(ctx, "GET", baseURL+"/v1/charges", nil)
req.SetBasicAuth(os.Getenv("STRIPE_KEY"), "")
req.Header.Set("X-Trace", fmt.Sprintf("id-%s", traceID))`,
    url: '${baseURL}/v1/charges',
    headers: { 'X-Trace': 'id-${traceID}' },
    basic: { user: 'os.Getenv("STRIPE_KEY")', password: '' },
  },
  {
    name: 'Header map assignment',
    code: `req, _ := http.NewRequest("GET", "https://api.example.com", nil)
req.Header["X-Api-Key"] = []string{apiKey}`,
    headers: { 'X-Api-Key': 'apiKey' },
  },
  {
    name: 'resty client chain',
    code: `client := resty.New()
resp, err := client.R().SetHeader("Accept", "application/json").SetAuthToken(os.Getenv("TOKEN")).Get("https://api.example.com/me")`,
    url: 'https://api.example.com/me',
    headers: { Authorization: 'Bearer ${os.Getenv("TOKEN")}', Accept: 'application/json' },
  },
];

const swift: RequestCase[] = [
  {
    name: 'Postman Swift - URLSession export',
    code: `var request = URLRequest(url: URL(string: "https://api.example.com/v1/me")!,timeoutInterval: Double.infinity)
request.addValue("Bearer {{token}}", forHTTPHeaderField: "Authorization")

request.httpMethod = "GET"

let task = URLSession.shared.dataTask(with: request) { data, response, error in
  guard let data = data else { return }
}
task.resume()`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
  },
];

describe('parseCode: PHP', () => {
  it.each(php)('$name', (c) => checkRequest(c));
});
describe('parseCode: Ruby', () => {
  it.each(ruby)('$name', (c) => checkRequest(c));
});
describe('parseCode: Go', () => {
  it.each(go)('$name', (c) => checkRequest(c));
});
describe('parseCode: Swift', () => {
  it.each(swift)('$name', (c) => checkRequest(c));
});

describe('parseCode: libcurl in C', () => {
  it('reads curl_easy_setopt and curl_slist_append', () => {
    const [req] = requestsOf(`CURL *curl = curl_easy_init();
struct curl_slist *headers = NULL;
headers = curl_slist_append(headers, "Authorization: Bearer {{token}}");
curl_easy_setopt(curl, CURLOPT_URL, "https://api.example.com/v1/me");
curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
res = curl_easy_perform(curl);`);
    expect(req?.url).toBe('https://api.example.com/v1/me');
    expect(req?.headers).toEqual([
      { name: 'Authorization', value: 'Bearer {{token}}', origin: { kind: 'template', names: ['token'] } },
    ]);
  });
});
