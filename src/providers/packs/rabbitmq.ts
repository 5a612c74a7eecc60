import type { ProviderPackInput } from '../schema.js';

const ACCESS_CONTROL_DOC = 'https://www.rabbitmq.com/docs/access-control';
const LOOPBACK_DOC = 'https://www.rabbitmq.com/docs/access-control#loopback-users';
const MANAGEMENT_PERMISSIONS_DOC = 'https://www.rabbitmq.com/docs/management#permissions';

export const rabbitmq = {
  id: 'rabbitmq',
  name: 'RabbitMQ management HTTP API',
  hosts: [{ host: '*.cloudamqp.com', note: 'CloudAMQP hosted RabbitMQ (management UI and HTTP API)' }],
  auth: [
    {
      in: 'basic',
      credential:
        'a RabbitMQ user and password; the user needs a management tag (management, monitoring, administrator…)',
      basicShape: 'username:password',
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 access token, when the rabbitmq_auth_backend_oauth2 plugin is enabled',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'guest-localhost-only',
      situation: 'the guest user (or another loopback-only user) logging in from a remote host',
      match: 'User can only log in via localhost',
      cause: 'ip_blocked_or_restricted',
      confidence: 0.95,
      explain:
        'Since RabbitMQ 3.3 the built-in guest user is listed in loopback_users and may only log in over localhost. The password is right; the request simply did not come from the broker’s own machine (a monitoring server, another container, a port mapping through Docker all count as remote).',
      fix: [
        'Create a dedicated user for remote access and tag it: `rabbitmqctl add_user <user> <password>`, `rabbitmqctl set_user_tags <user> monitoring` (or management/administrator), `rabbitmqctl set_permissions -p / <user> ".*" ".*" ".*"` as needed.',
        'Only on isolated test systems: allow guest remotely with `loopback_users = none` in rabbitmq.conf.',
      ],
      docs: [LOOPBACK_DOC],
    },
    {
      id: 'not-management-user',
      situation: 'a valid user without a tag that allows the management API',
      match: 'Not (?:management|monitor|administrator|policymaker) user',
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'The username and password are right, but the user has no management tag (or not the one this endpoint needs), so the management HTTP API refuses it with 401. AMQP users start with no tags.',
      fix: [
        'Give the user a tag: `rabbitmqctl set_user_tags <user> monitoring` for read-only monitoring, `management` for its own vhosts, `administrator` for everything; add vhost permissions for the vhosts it must see.',
      ],
      docs: [MANAGEMENT_PERMISSIONS_DOC],
    },
    {
      id: 'login-failed',
      situation: 'wrong username or password for the management API',
      match: String.raw`"error"\s*:\s*"not_authori[sz]ed"\s*,\s*"reason"\s*:\s*"Login failed"|HTTP access denied: user '[^'\n]{0,100}' - invalid credentials`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'RabbitMQ did not accept the username and password (or the user does not exist on this node — a fresh container only has the user set by RABBITMQ_DEFAULT_USER, or guest).',
      fix: [
        'Check the user exists and the password is current: `rabbitmqctl list_users`, `rabbitmqctl authenticate_user <user> <password>`.',
      ],
      docs: [ACCESS_CONTROL_DOC],
    },
    {
      id: 'amqp-access-refused',
      situation: 'an AMQP client login refused by the broker',
      match: String.raw`ACCESS_REFUSED - Login was refused using authentication mechanism \w{1,20}`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The broker refused the AMQP login: a wrong username or password, a user that does not exist, or guest connecting from a remote host (loopback_users). The broker log states which.',
      fix: [
        'Read the broker log line for this connection; if it mentions guest or loopback, create a dedicated user, otherwise check the credentials with `rabbitmqctl authenticate_user`.',
      ],
      docs: [ACCESS_CONTROL_DOC, LOOPBACK_DOC],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Authentication, authorisation, access control', url: ACCESS_CONTROL_DOC },
    { title: 'Loopback users (guest only via localhost)', url: LOOPBACK_DOC },
    { title: 'Management UI and HTTP API permissions (user tags)', url: MANAGEMENT_PERMISSIONS_DOC },
  ],
  pitfalls: [
    'guest/guest only works from localhost; any remote client (monitoring, other containers) needs its own user.',
    'Management HTTP API access needs a user tag (monitoring, management, administrator); a plain AMQP user gets 401 even with the right password.',
    'The management API uses port 15672 with Basic auth; AMQP uses 5672 — credentials are the same users but the errors differ.',
  ],
} satisfies ProviderPackInput;
