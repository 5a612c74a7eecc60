/**
 * Where the request went and what happened on the way: redirects, http vs https, proxies, caches, CDNs and
 * app servers that drop the header, mistyped hosts, the other environment's host, retired paths, and what the
 * provider says about the caller's IP or account. Rules that see the paste's own exchanges come first.
 */
import accountOrBilling from '../account-or-billing.js';
import apiVersionOrPath from '../api-version-or-path.js';
import cached401 from '../cached-401.js';
import environmentMismatch from '../environment-mismatch.js';
import hostTypo from '../host-typo.js';
import httpNotHttps from '../http-not-https.js';
import ipRestricted from '../ip-restricted.js';
import proxyInTheWay from '../proxy-in-the-way.js';
import proxyStripsAuthorization from '../proxy-strips-authorization.js';
import redirectDroppedCredentials from '../redirect-dropped-credentials.js';
import type { Rule } from '../types.js';

export const placeRules: readonly Rule[] = [
  redirectDroppedCredentials,
  httpNotHttps,
  proxyInTheWay,
  cached401,
  proxyStripsAuthorization,
  hostTypo,
  environmentMismatch,
  apiVersionOrPath,
  ipRestricted,
  accountOrBilling,
];
