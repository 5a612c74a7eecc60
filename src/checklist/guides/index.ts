/** One guide builder per checklist step; the record type makes a step without a guide a compile error. */
import type { StepId } from '../steps.js';
import { contactSupport } from './contact-support.js';
import { cookiesCache } from './cookies-cache.js';
import { credentialsPresent } from './credentials-present.js';
import { dns } from './dns.js';
import { headerFormat } from './header-format.js';
import { logoutLogin } from './logout-login.js';
import { networkRestrictions } from './network-restrictions.js';
import { permissions } from './permissions.js';
import { providerDocs } from './provider-docs.js';
import { rightCredential } from './right-credential.js';
import type { GuideBuilder } from './shared.js';
import { tokenExpiry } from './token-expiry.js';
import { url } from './url.js';

export const GUIDES: Readonly<Record<StepId, GuideBuilder>> = {
  'credentials-present': credentialsPresent,
  'right-credential': rightCredential,
  'header-format': headerFormat,
  'token-expiry': tokenExpiry,
  'provider-docs': providerDocs,
  permissions,
  url,
  'network-restrictions': networkRestrictions,
  dns,
  'cookies-cache': cookiesCache,
  'logout-login': logoutLogin,
  'contact-support': contactSupport,
};
