import { describe, expect, it } from 'vitest';
import {
  type ExtractedErrorBody,
  extractErrorBody,
  parseErrorBody,
} from '../../src/intake/parsers/error-body.js';
import { expectNeverThrows } from '../support/never-throws.js';
import { segmentOf } from '../support/segments.js';

const found: { name: string; text: string; want: ExtractedErrorBody }[] = [
  {
    name: 'OAuth token endpoint',
    text: '{"error":"invalid_grant","error_description":"Refresh token expired"}',
    want: { json: true, error: 'invalid_grant', errorDescription: 'Refresh token expired' },
  },
  {
    name: 'Entra: the AADSTS code comes out of error_description',
    text: '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\\r\\nTrace ID: 1","error_codes":[7000215]}',
    want: {
      json: true,
      error: 'invalid_client',
      errorDescription:
        'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 1',
      code: 'AADSTS7000215',
    },
  },
  {
    name: 'RFC 7807 problem details',
    text: '{"type":"https://example.com/probs/auth","title":"Unauthorized","status":401,"detail":"Token has expired"}',
    want: {
      json: true,
      type: 'https://example.com/probs/auth',
      message: 'Unauthorized: Token has expired',
      status: 401,
    },
  },
  {
    name: 'Google nested error: numeric code is the HTTP status, status string is the code',
    text: '{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}',
    want: {
      json: true,
      message: 'Request had invalid authentication credentials.',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
  },
  {
    name: 'OpenAI nested error',
    text: '{\n  "error": {\n    "message": "Incorrect API key provided: sk-proj-****abcd.",\n    "type": "invalid_request_error",\n    "param": null,\n    "code": "invalid_api_key"\n  }\n}',
    want: {
      json: true,
      message: 'Incorrect API key provided: sk-proj-****abcd.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
  },
  {
    name: 'Stripe',
    text: '{"error":{"code":"api_key_expired","doc_url":"https://stripe.com/docs/error-codes/api-key-expired","message":"Expired API Key provided: sk_live_****1234","type":"invalid_request_error"}}',
    want: {
      json: true,
      message: 'Expired API Key provided: sk_live_****1234',
      code: 'api_key_expired',
      type: 'invalid_request_error',
    },
  },
  {
    name: 'Twitter errors array with a numeric code',
    text: '{"errors":[{"code":89,"message":"Invalid or expired token."}]}',
    want: { json: true, message: 'Invalid or expired token.', code: 89 },
  },
  {
    name: 'GraphQL errors with extensions.code',
    text: '{"errors":[{"message":"This endpoint requires you to be authenticated.","extensions":{"code":"UNAUTHENTICATED"}}],"data":null}',
    want: { json: true, message: 'This endpoint requires you to be authenticated.', code: 'UNAUTHENTICATED' },
  },
  {
    name: 'Shopify errors as a string',
    text: '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}',
    want: {
      json: true,
      message: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    },
  },
  {
    name: 'Slack ok:false on HTTP 200',
    text: '{"ok":false,"error":"invalid_auth"}',
    want: { json: true, ok: false, error: 'invalid_auth' },
  },
  {
    name: 'AWS JSON __type with a namespace',
    text: '{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}',
    want: {
      json: true,
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    },
  },
  {
    name: 'AWS XML with entities',
    text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key &amp; signing method.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
    want: {
      json: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key & signing method.',
    },
  },
  {
    name: 'Salesforce SOAP fault with namespaces',
    text: '<soapenv:Envelope><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    want: {
      json: false,
      code: 'sf:INVALID_SESSION_ID',
      message: 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader',
    },
  },
  {
    name: 'nginx HTML page',
    text: '<html>\n<head><title>401 Authorization Required</title></head>\n<body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>',
    want: { json: false, status: 401, message: 'Authorization Required' },
  },
  {
    name: 'Python dict repr (openai v1 exception text)',
    text: "Error code: 401 - {'error': {'message': 'Incorrect API key provided', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
    want: {
      json: true,
      message: 'Incorrect API key provided',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
  },
  {
    name: 'Node inspect of a plain object (Google Maps)',
    text: "{ error_message: 'This API project is not authorized to use this API.',\n  results: [],\n  status: 'REQUEST_DENIED' }",
    want: {
      json: true,
      message: 'This API project is not authorized to use this API.',
      code: 'REQUEST_DENIED',
    },
  },
  {
    name: 'GitHub: status as a numeric string',
    text: '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
    want: { json: true, message: 'Bad credentials', status: 401 },
  },
  {
    name: 'Spring Boot default error',
    text: '{"timestamp":"2024-05-01T10:00:00.000+00:00","status":401,"error":"Unauthorized","message":"","path":"/api/me"}',
    want: { json: true, status: 401, error: 'Unauthorized' },
  },
  {
    name: 'Auth0 / NestJS style with statusCode and a message list',
    text: '{"statusCode":401,"message":["token expired","token invalid"],"error":"Unauthorized","errorCode":"invalid_token"}',
    want: {
      json: true,
      status: 401,
      message: 'token expired; token invalid',
      error: 'Unauthorized',
      code: 'invalid_token',
    },
  },
  {
    name: 'Elasticsearch: type and reason nested under error',
    text: '401 Unauthorized: {"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/users]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/users]"},"status":401}',
    want: {
      json: true,
      type: 'security_exception',
      message: 'missing authentication credentials for REST request [/users]',
      status: 401,
    },
  },
  {
    name: 'truncated body inside a Guzzle message',
    text: 'response:\n{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access (truncated...)',
    want: {
      json: true,
      status: 401,
      code: 401,
      message: 'Request had invalid authentication credentials. Expected OAuth 2 access (truncated...)',
    },
  },
  {
    name: 'Telegram: description with ok:false and error_code',
    text: '{"ok":false,"error_code":401,"description":"Unauthorized"}',
    want: { json: true, ok: false, status: 401, code: 401, message: 'Unauthorized' },
  },
  {
    name: 'top-level array of errors',
    text: '[{"message":"Unauthorized","errorCode":"INVALID_SESSION_ID"}]',
    want: { json: true, message: 'Unauthorized', code: 'INVALID_SESSION_ID' },
  },
];

const nothing: { name: string; text: string }[] = [
  { name: 'empty', text: '' },
  { name: 'plain text', text: 'Unauthorized' },
  { name: 'a JSON object that is not an error', text: '{"id":1,"name":"octocat"}' },
  { name: 'success status only', text: '{"status":200}' },
  { name: 'ok:true', text: '{"ok":true,"team":"x"}' },
  { name: 'braces in prose', text: 'use {token} in the template and {name} too' },
  { name: 'broken JSON', text: '{"error": }' },
  { name: 'HTML without an error title', text: '<html><head><title>Welcome</title></head></html>' },
  { name: 'JSON string', text: '"just a string"' },
  { name: 'a request payload with a description field', text: '{"description":"{description}"}' },
];

describe('extractErrorBody', () => {
  it.each(found)('$name', ({ text, want }) => {
    expect(extractErrorBody(text)).toEqual(want);
  });

  it.each(nothing)('nothing useful: $name', ({ text }) => {
    expect(extractErrorBody(text)).toBeUndefined();
  });

  it('finds the body after an unclosed brace and an apostrophe in the prose', () => {
    const text = 'I don\'t get it {see below\n\nresponse was {"error":"invalid_token"}';
    expect(extractErrorBody(text)).toMatchObject({ error: 'invalid_token' });
  });

  it('stays fast on hostile input', () => {
    const hostile = `${'{'.repeat(200_000)}${'"a'.repeat(100_000)}${'code>'.repeat(50_000)}`;
    const started = performance.now();
    extractErrorBody(hostile);
    extractErrorBody(`<x>${'code>'.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parseErrorBody', () => {
  const segment = (text: string) => segmentOf('json_body', text, 4);

  it('reports an error body with its status and line', () => {
    expect(parseErrorBody(segment('{"code":401,"message":"Unauthorized: No credentials provided"}'))).toEqual(
      {
        kinds: ['json_body'],
        bodies: [
          { text: '{"code":401,"message":"Unauthorized: No credentials provided"}', status: 401, line: 4 },
        ],
      },
    );
  });

  it('reports a body without a status', () => {
    const text = '{"ok":false,"error":"not_authed"}';
    expect(parseErrorBody(segment(text))).toEqual({ kinds: ['json_body'], bodies: [{ text, line: 4 }] });
  });

  it('says nothing about a JSON document that is not an error', () => {
    expect(parseErrorBody(segment('{"users":[{"id":1}]}'))).toEqual({});
  });
});

it('never throws on arbitrary text built from the awkward pieces', () => {
  expectNeverThrows(extractErrorBody, [
    '{',
    '}',
    '[',
    ']',
    '"',
    "'",
    ':',
    ',',
    '\\',
    'error',
    'message',
    '1',
    '<Code>',
    '</',
    ' ',
    '\n',
  ]);
});
