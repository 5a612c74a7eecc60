import type { ProviderPackInput } from '../schema.js';

const IAM_DOC = 'https://min.io/docs/minio/linux/administration/identity-access-management.html';
const ALIAS_DOC = 'https://min.io/docs/minio/linux/reference/minio-mc/mc-alias-set.html';
const API_ERRORS_SOURCE = 'https://github.com/minio/minio/blob/master/cmd/api-errors.go';

/**
 * MinIO and other S3-compatible servers. They speak SigV4 like AWS, so the AWS pack's signature-mismatch and
 * region signatures apply to them too; this pack holds the wording and pitfalls that are MinIO's own.
 */
export const minio = {
  id: 'minio',
  name: 'MinIO (S3-compatible object storage)',
  // Self-hosted: the S3 error wording MinIO uses differs slightly from AWS's.
  hosts: [],
  auth: [
    {
      in: 'header',
      scheme: 'AWS4-HMAC-SHA256',
      credential:
        'a SigV4 signature made with a MinIO access key and secret key (Credential=<access key>/<date>/<region>/s3/aws4_request)',
      status: 'preferred',
      note: 'The signature covers the Host header: a request (or presigned URL) signed for one hostname fails under another.',
    },
    {
      in: 'query',
      name: 'X-Amz-Credential',
      credential: 'a presigned URL generated with the MinIO endpoint the browser will use',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'access-key-not-found',
      situation: 'an access key that is not a user or service account on this MinIO deployment',
      // AWS says "The AWS Access Key Id …"; MinIO drops "AWS".
      match: '(?<!AWS )Access Key Id you provided does not exist in our records',
      status: [403],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'MinIO does not know this access key: it was never created on this deployment (or was deleted), the client points at another server than the one the key was made on (an `mc` alias or SDK endpoint left on another deployment), or the client uses root credentials other than the MINIO_ROOT_USER the server runs with.',
      fix: [
        'List the keys that exist (`mc admin user list <alias>`, `mc admin user svcacct list <alias> <user>`) and create an access key for the application; point the client at the same endpoint.',
      ],
      docs: [IAM_DOC, API_ERRORS_SOURCE],
    },
    {
      id: 'request-time-too-skewed',
      situation: 'the request time differs too much from the MinIO server’s clock',
      match: "The difference between the request time and the server's time is too large",
      status: [403],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.9,
      explain:
        'SigV4 requests carry their signing time and MinIO refuses those too far from its own clock (15 minutes). Either the client’s or the MinIO host’s clock is off — common with VMs resumed from sleep and containers on hosts without NTP.',
      fix: ['Synchronise the clocks of the client and the MinIO server with NTP, then sign again.'],
      docs: [API_ERRORS_SOURCE],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Identity and access management', url: IAM_DOC },
    { title: 'mc alias set (client endpoint and credentials)', url: ALIAS_DOC },
    { title: 'S3 error codes and messages (source)', url: API_ERRORS_SOURCE },
  ],
  pitfalls: [
    'Presigned URLs are bound to the host they were signed for: a URL presigned for http://minio:9000 and then rewritten to the public hostname fails with SignatureDoesNotMatch. Presign with a client configured for the public endpoint.',
    'Behind a reverse proxy, forward the original Host header unchanged (nginx: `proxy_set_header Host $http_host;`) or signatures will not match.',
    'MinIO’s default region is us-east-1; a client signing for another region gets AuthorizationHeaderMalformed.',
    'Root credentials from MINIO_ROOT_USER/MINIO_ROOT_PASSWORD are for administration; applications should use their own access keys.',
  ],
} satisfies ProviderPackInput;
