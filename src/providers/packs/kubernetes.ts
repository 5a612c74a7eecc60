import type { ProviderPackInput } from '../schema.js';

const AUTHN_DOC = 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/';
const RBAC_DOC = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
const KUBEADM_CERTS_DOC = 'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/';
const BOUND_TOKENS_KEP = 'https://github.com/kubernetes/enhancements/issues/2799';

export const kubernetes = {
  id: 'kubernetes',
  name: 'Kubernetes API server',
  // Self-hosted clusters have no fixed host (the API server usually listens on :6443); managed offerings do.
  hosts: [
    { host: '*.eks.amazonaws.com', note: 'Amazon EKS cluster API endpoints' },
    { host: '*.azmk8s.io', note: 'Azure AKS cluster API endpoints' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a service account token (bound, from TokenRequest or a projected volume) or an OIDC ID token',
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a short-lived token produced by a kubeconfig exec plugin (cloud CLI, kubelogin)',
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'Impersonate-User',
      credential:
        'impersonation of another user by an already authenticated caller with the impersonate verb',
      status: 'accepted',
    },
  ],
  headerNames: ['impersonate-user', 'impersonate-group', 'impersonate-uid'],
  issuers: [
    { match: '^kubernetes/serviceaccount$' },
    { match: String.raw`^https://kubernetes\.default\.svc(?:\.cluster\.local)?/?$` },
    { match: String.raw`^https://oidc\.eks\.[a-z0-9-]{1,30}\.amazonaws\.com/id/` },
    { match: String.raw`^https://container\.googleapis\.com/v1/projects/` },
    { match: String.raw`^https://[a-z0-9-]{1,40}\.oic\.prod-aks\.azure\.com/` },
  ],
  errors: [
    {
      id: 'service-account-token-expired',
      situation: 'a bound service account token past its expiry (often read once at start-up)',
      match: 'invalid bearer token, (?:service account token has expired|Token has expired)',
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'The API server rejected an expired service account token. Since 1.21 projected tokens rotate about hourly; clients that read the token file only once (old client-go, custom code) keep sending the stale one.',
      fix: [
        'Re-read the token file before it expires (current client libraries do this) or restart the pod; upgrade client libraries that cache the token.',
      ],
      docs: [AUTHN_DOC, BOUND_TOKENS_KEP],
    },
    {
      id: 'service-account-token-not-yet-valid',
      situation: 'a token whose nbf is in the future for the API server (clock skew)',
      match: 'service account token is not valid yet',
      status: [401],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.9,
      explain:
        'The token’s not-before time is ahead of the API server’s clock: the nodes’ clocks disagree (often after a VM resumes).',
      fix: ['Synchronise the clocks (NTP / chrony) on the control plane and nodes, then retry.'],
      docs: [AUTHN_DOC],
    },
    {
      id: 'token-invalidated',
      situation: 'a token whose secret, pod or service account was deleted',
      match: 'invalid bearer token, Token has been invalidated|service account token has been invalidated',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The token was bound to an object (pod, secret or service account) that no longer exists, so it was invalidated.',
      fix: [
        'Request a new token (`kubectl create token <serviceaccount>`) or recreate the pod so it mounts a fresh one.',
      ],
      docs: [AUTHN_DOC],
    },
    {
      id: 'oidc-audience-mismatch',
      situation: 'an OIDC token whose audience is not the client ID the API server expects',
      match: 'oidc: expected audience',
      status: [401],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.9,
      explain:
        'The OIDC ID token’s `aud` does not contain the --oidc-client-id the API server is configured with.',
      fix: [
        'Issue tokens for the configured client ID (add an audience mapper in the identity provider) or change the API server’s OIDC client ID.',
      ],
      docs: [AUTHN_DOC],
    },
    {
      id: 'oidc-authenticator-not-initialized',
      situation: 'the API server could not reach its OIDC issuer’s discovery document',
      match: 'oidc: authenticator not initialized',
      status: [401],
      cause: 'server_misconfiguration',
      confidence: 0.85,
      explain:
        'The API server’s OIDC authenticator never started (it could not fetch the issuer’s discovery document or keys), so every OIDC token is rejected however valid.',
      fix: [
        'Check that the API server can resolve and reach the --oidc-issuer-url over TLS, and its logs for the initialisation error.',
      ],
      docs: [AUTHN_DOC],
    },
    {
      id: 'oidc-unsupported-algorithm',
      situation: 'an OIDC token signed with an algorithm the API server does not accept',
      match: 'id token signed with unsupported algorithm',
      status: [401],
      cause: 'signature_or_key_mismatch',
      confidence: 0.9,
      explain:
        'The identity provider signs with an algorithm (for example ES256) not listed in the API server’s --oidc-signing-algs (RS256 by default).',
      fix: ['Add the algorithm to --oidc-signing-algs, or have the identity provider sign with RS256.'],
      docs: [AUTHN_DOC],
    },
    {
      id: 'client-certificate-expired',
      situation: 'a client certificate outside its validity period',
      match: String.raw`Unable to authenticate the request[^\n]{0,80}x509: certificate has expired or is not yet valid`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.85,
      explain:
        'The client certificate in the kubeconfig has expired (kubeadm client certificates last one year) or its validity starts in the future.',
      fix: [
        'Renew it (`kubeadm certs renew all` on control-plane nodes, then refresh admin.conf) and compare clocks if it is “not yet valid”.',
      ],
      docs: [KUBEADM_CERTS_DOC],
    },
    {
      id: 'status-unauthorized',
      situation:
        'the API server did not authenticate the request (missing, invalid or expired token or certificate)',
      match: String.raw`"kind"\s*:\s*"Status"[\s\S]{0,300}?"reason"\s*:\s*"Unauthorized"`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'A Kubernetes Status object with reason Unauthorized: the API server could not tell who is calling. The token is wrong, expired (bound service account tokens last about an hour) or from another cluster, the client certificate expired, or nothing was sent while anonymous access is off.',
      fix: [
        'Test the credential directly: `kubectl auth whoami` (or `curl -H "Authorization: Bearer <TOKEN>" https://<apiserver>:6443/api/v1/namespaces/default/pods`).',
        'The API server log line “Unable to authenticate the request” names the exact reason.',
      ],
      docs: [AUTHN_DOC],
    },
    {
      id: 'kubectl-must-be-logged-in',
      situation: 'kubectl got a 401 from the API server',
      match: 'You must be logged in to the server|the server has asked for the client to provide credentials',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'kubectl’s credentials were rejected: an expired client certificate (kubeadm and minikube certificates last one year), an expired or revoked token, an exec plugin returning a token for another identity, or (EKS) an IAM identity without an access entry or aws-auth mapping.',
      fix: [
        'Run `kubectl config view --minify` to see which user and credential are in use, then refresh it (re-run the cloud CLI’s update-kubeconfig, or `kubeadm certs check-expiration` and renew).',
      ],
      docs: [AUTHN_DOC, KUBEADM_CERTS_DOC],
    },
    {
      id: 'anonymous-user',
      situation: 'a request treated as system:anonymous: the credential was not sent or not recognised',
      match: String.raw`User \\?"system:anonymous|user=system:anonymous`,
      status: [403],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The API server (or kubelet) handled the request as system:anonymous, so the 403 is really an authentication problem: no token or certificate reached it, or it was not recognised and anonymous auth is on.',
      fix: [
        'Make sure the client sends its credential (the Authorization header or client certificate) to this endpoint, then look at RBAC only if the right user shows up.',
      ],
      docs: [AUTHN_DOC],
    },
    {
      id: 'rbac-forbidden',
      situation: 'authenticated, but RBAC does not allow the verb on the resource',
      match: String.raw`is forbidden: User \\?"(?!system:anonymous)[^"\\]{1,200}\\?" cannot [a-z]{1,20} resource`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'Authentication worked; authorisation did not. The named user or service account has no Role or ClusterRole binding for this verb and resource.',
      fix: [
        'Check with `kubectl auth can-i <verb> <resource> --as=<user>` and add a RoleBinding or ClusterRoleBinding that grants it.',
      ],
      docs: [RBAC_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'projected (bound) service account token',
      seconds: 3600,
      text: '1 hour by default, refreshed by the kubelet before expiry; legacy clients may be given longer-lived tokens',
    },
    { token: 'kubeadm client certificate', seconds: 31_536_000, text: '1 year' },
  ],
  docs: [
    { title: 'Authenticating', url: AUTHN_DOC },
    { title: 'Using RBAC authorization', url: RBAC_DOC },
    { title: 'Certificate management with kubeadm', url: KUBEADM_CERTS_DOC },
    { title: 'KEP: bound service account token improvements', url: BOUND_TOKENS_KEP },
  ],
  pitfalls: [
    '401 means “who are you” (bad or expired token or certificate); 403 “is forbidden: User X cannot …” is RBAC — fix Roles and Bindings, not credentials.',
    'Apps that read the service account token file once at start-up fail with 401 after about an hour since 1.21; reload the file or use a current client library.',
    'Expired kubeadm or minikube certificates show up as kubectl “You must be logged in to the server (Unauthorized)”.',
    'Since 1.24 no token Secret is created automatically for service accounts; scripts that expect one find nothing (use `kubectl create token`).',
    'A 403 naming system:anonymous means the credential was not sent or not recognised, so it is really an authentication problem.',
  ],
} satisfies ProviderPackInput;
