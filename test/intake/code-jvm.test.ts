import { describe, expect, it } from 'vitest';
import { checkRequest, type RequestCase, requestsOf } from '../support/code-helpers.js';

const cases: RequestCase[] = [
  {
    name: 'java.net.http builder with System.getenv',
    code: `HttpRequest request = HttpRequest.newBuilder()
    .uri(URI.create("https://api.example.com/items"))
    .header("Authorization", "Bearer " + System.getenv("API_TOKEN"))
    .GET()
    .build();
HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());`,
    url: 'https://api.example.com/items',
    method: 'GET',
    headers: { Authorization: 'Bearer ${System.getenv("API_TOKEN")}' },
    origins: { Authorization: { kind: 'env', names: ['API_TOKEN'] } },
  },
  {
    name: 'java.net.http POST with a token constant',
    code: `private static final String TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
// create the request
HttpRequest req = HttpRequest.newBuilder(URI.create(BASE + "/repos"))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Authorization", "token " + TOKEN)
        .build();`,
    url: '${BASE}/repos',
    method: 'POST',
    headers: { Authorization: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
  },
  {
    name: 'OkHttp (Java) with addHeader',
    code: `OkHttpClient client = new OkHttpClient();
Request request = new Request.Builder()
    .url("https://api.example.com/v1/me")
    .addHeader("X-Api-Key", apiKey)
    .build();
Response response = client.newCall(request).execute();`,
    url: 'https://api.example.com/v1/me',
    headers: { 'X-Api-Key': 'apiKey' },
    origins: { 'X-Api-Key': { kind: 'variable', names: ['apiKey'] } },
  },
  {
    name: 'OkHttp (Kotlin) with string interpolation',
    code: `val token = System.getenv("SERVICE_TOKEN")
val request = Request.Builder()
    .url("https://api.example.com/v1/me")
    .header("Authorization", "Bearer $token")
    .build()
val response = client.newCall(request).execute()`,
    headers: { Authorization: 'Bearer $token' },
    origins: { Authorization: { kind: 'env', names: ['SERVICE_TOKEN'] } },
  },
  {
    name: 'Postman Java - OkHttp export',
    code: `OkHttpClient client = new OkHttpClient().newBuilder()
  .build();
MediaType mediaType = MediaType.parse("text/plain");
RequestBody body = RequestBody.create(mediaType, "");
Request request = new Request.Builder()
  .url("https://api.example.com/v1/me")
  .method("GET", body)
  .addHeader("Authorization", "Bearer {{token}}")
  .build();
Response response = client.newCall(request).execute();`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer {{token}}' },
    origins: { Authorization: { kind: 'template', names: ['token'] } },
  },
  {
    name: 'Spring RestTemplate with HttpHeaders.setBearerAuth',
    code: `HttpHeaders headers = new HttpHeaders();
headers.setBearerAuth(token);
headers.set("X-Tenant", tenantId);
HttpEntity<String> entity = new HttpEntity<>(headers);
ResponseEntity<String> resp = restTemplate.exchange("https://api.example.com/orders", HttpMethod.GET, entity, String.class);`,
    url: 'https://api.example.com/orders',
    method: 'GET',
    headers: { Authorization: 'Bearer ${token}', 'X-Tenant': 'tenantId' },
    origins: { Authorization: { kind: 'variable', names: ['token'] } },
  },
  {
    name: 'Spring HttpHeaders.setBasicAuth',
    code: `HttpHeaders headers = new HttpHeaders();
headers.setBasicAuth("svc-user", "p@ss");
restTemplate.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), Void.class);`,
    method: 'POST',
    basic: { user: 'svc-user', password: 'p@ss' },
  },
  {
    name: 'Spring WebClient with defaultHeader and a headers lambda',
    code: `WebClient client = WebClient.builder().baseUrl("https://api.example.com").defaultHeader("X-Api-Key", key).build();
client.get().uri("/v1/things").headers(h -> h.setBearerAuth(token)).retrieve().bodyToMono(String.class);`,
    url: 'https://api.example.com/v1/things',
    headers: { 'X-Api-Key': 'key', Authorization: 'Bearer ${token}' },
  },
  {
    name: 'HttpURLConnection.setRequestProperty',
    code: `URL url = new URL("https://api.example.com/v1/me");
HttpURLConnection conn = (HttpURLConnection) url.openConnection();
conn.setRequestMethod("GET");
conn.setRequestProperty("Authorization", "Bearer " + accessToken);
int status = conn.getResponseCode();`,
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    headers: { Authorization: 'Bearer ${accessToken}' },
  },
  {
    name: 'Unirest (Postman Java - Unirest export)',
    code: `Unirest.setTimeouts(0, 0);
HttpResponse<String> response = Unirest.get("https://api.example.com/v1/me")
  .header("Authorization", "Bearer {{token}}")
  .asString();`,
    url: 'https://api.example.com/v1/me',
    headers: { Authorization: 'Bearer {{token}}' },
  },
];

describe('parseCode: Java / Kotlin', () => {
  it.each(cases)('$name', (c) => checkRequest(c));

  it('does not read a Map.put as a request', () => {
    expect(requestsOf('Map<String, String> m = new HashMap<>();\nm.put("a", "b");')).toEqual([]);
  });
});
