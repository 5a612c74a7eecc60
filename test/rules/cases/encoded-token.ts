import rule from '../../../src/rules/encoded-token.js';
import { defineCases } from '../../support/rule-cases.js';

/** base64 of a service-account JWT, as `kubectl get secret … {.data.token}` prints it. */
const ENCODED_JWT =
  'ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkltczRjeTF6WVMweEluMC5leUpwYzNNaU9pSnJkV0psY201bGRHVnpMM05sY25acFkyVmhZMk52ZFc1MElpd2lhM1ZpWlhKdVpYUmxjeTVwYnk5elpYSjJhV05sWVdOamIzVnVkQzl1WVcxbGMzQmhZMlVpT2lKamFTSXNJbXQxWW1WeWJtVjBaWE11YVc4dmMyVnlkbWxqWldGalkyOTFiblF2YzJWeWRtbGpaUzFoWTJOdmRXNTBMbTVoYldVaU9pSmtaWEJzYjNsbGNpSXNJbk4xWWlJNkluTjVjM1JsYlRwelpYSjJhV05sWVdOamIzVnVkRHBqYVRwa1pYQnNiM2xsY2lKOS5abTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeVptOXZZbUZ5Wm05dlltRnlabTl2WW1GeQ==';
const JWT = Buffer.from(ENCODED_JWT, 'base64').toString('utf8');
const API = 'https://k8s.acme.test:6443/api/v1/namespaces/ci/pods';
const PAT = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'an encoded service-account token sent as Bearer',
      paste: `curl -k -H "Authorization: Bearer ${ENCODED_JWT}" ${API}\n{"kind":"Status","status":"Failure","message":"Unauthorized","code":401}`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['decodes to a JWT', '`ZXlK`'],
        fix: ['base64 -d', "curl -H 'Authorization: Bearer <DECODED_TOKEN>'"],
        minConfidence: 0.85,
      },
    },
    {
      name: 'a GitHub token base64-encoded in an API-key header',
      paste: `curl -H "X-Token: ${Buffer.from(PAT).toString('base64')}" https://api.acme.test/v2/orders`,
      expect: {
        severity: 'error',
        evidence: 'request.headers.x-token',
        detail: ['decodes to a GitHub classic personal access token'],
      },
    },
    {
      name: 'the token read from .data without decoding',
      paste: `TOKEN=$(kubectl get secret deployer-token -n ci -o jsonpath='{.data.token}')\ncurl -k -H "Authorization: Bearer $TOKEN" ${API}`,
      expect: { severity: 'error', detail: ['without `base64 -d`'] },
    },
    {
      name: 'an encoded token shown in the question only',
      paste: `I copied the token from\n  kubectl get secret deployer-token -o jsonpath='{.data.token}'\nwhich prints\n${ENCODED_JWT}\nand use it as the bearer token, but the API server says 401.`,
      expect: {
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['starting `ZXlK`', 'kubectl get secret'],
      },
    },
  ],
  valid: [
    { name: 'the decoded token', paste: `curl -k -H "Authorization: Bearer ${JWT}" ${API}` },
    {
      name: 'decoded with base64 -d',
      paste: `TOKEN=$(kubectl get secret deployer-token -n ci -o jsonpath='{.data.token}' | base64 -d)\ncurl -k -H "Authorization: Bearer $TOKEN" ${API}`,
    },
    {
      name: 'an Elasticsearch ApiKey, which is base64 by design',
      paste: `curl -H "Authorization: ApiKey ${Buffer.from('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw').toString('base64')}" https://es.acme.test:9200/_search`,
    },
    {
      name: 'an opaque random token that happens to be base64',
      paste: 'curl -H "Authorization: Bearer q83vEjRWeJCrze8SNFZ4kKs=" https://api.acme.test/v2/orders',
    },
    {
      name: 'the encoded and the decoded token both in the paste, the decoded one sent',
      paste: `The secret shows ${ENCODED_JWT}\n$ curl -k -H "Authorization: Bearer ${JWT}" ${API}`,
    },
  ],
});
