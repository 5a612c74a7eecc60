import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://learn.microsoft.com/azure/ai-services/authentication';
const APIM_DOCS =
  'https://learn.microsoft.com/azure/api-management/api-management-authenticate-authorize-azure-openai';
const ENTRA_DOCS = 'https://learn.microsoft.com/dotnet/ai/how-to/app-service-aoai-auth';

export const azureOpenai = {
  id: 'azure-openai',
  name: 'Azure OpenAI / Azure AI services',
  hosts: [
    {
      host: '*.openai.azure.com',
      note: '<resource>.openai.azure.com/openai/deployments/<deployment>/…?api-version=…',
    },
    { host: '*.cognitiveservices.azure.com', note: 'Azure AI services custom subdomains' },
    { host: '*.services.ai.azure.com', note: 'Azure AI Foundry resources' },
    { host: '*.api.cognitive.microsoft.com', note: 'regional Azure AI services endpoints' },
    { host: 'api.cognitive.microsofttranslator.com', note: 'Translator (global)' },
  ],
  auth: [
    {
      in: 'header',
      name: 'api-key',
      credential: 'a resource key (KEY1 or KEY2 of the resource)',
      status: 'preferred',
      note: 'Not Authorization: Bearer as on api.openai.com. A key only works for the resource (and endpoint) that issued it.',
    },
    {
      in: 'header',
      name: 'Ocp-Apim-Subscription-Key',
      credential: 'a resource key (Azure AI services)',
      status: 'accepted',
      note: 'Multi-service and Translator keys may also need Ocp-Apim-Subscription-Region.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Microsoft Entra access token for scope https://cognitiveservices.azure.com/.default',
      status: 'accepted',
      note: 'The caller also needs a data-plane role on the resource, such as Cognitive Services OpenAI User.',
    },
  ],
  headerNames: ['ocp-apim-subscription-region'],
  errors: [
    {
      id: 'invalid-key-or-endpoint',
      situation: 'a wrong key, a key from another resource, or the wrong regional endpoint',
      match: 'Access denied due to invalid subscription key or wrong API endpoint',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        "The resource did not accept the key. Keys are per resource: a key from resource A sent to resource B's endpoint (or to the wrong region) gets exactly this answer, as does a regenerated key.",
      fix: [
        'Copy KEY1 from Keys and Endpoint of the same resource whose endpoint URL you call, and send it in the `api-key` header.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'bearer-token-rejected',
      situation: 'the Authorization: Bearer value is not a valid Entra token for Cognitive Services',
      match: String.raw`Access token is missing, invalid, audience is incorrect \(https://cognitiveservices\.azure\.com/?\), or have expired`,
      status: [401],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'The service read the Authorization header as an Entra token and refused it. Often the resource key was sent OpenAI-style as `Authorization: Bearer <key>`; otherwise the token is for another audience or expired.',
      fix: [
        'With a key, send it as `api-key: <KEY>` (or configure the Azure client, not the plain OpenAI client).',
        'With Entra ID, request the token for scope https://cognitiveservices.azure.com/.default and refresh it before it expires.',
      ],
      docs: [AUTH_DOCS, ENTRA_DOCS],
    },
    {
      id: 'missing-data-action',
      situation: 'an Entra principal without a data-plane role on the resource',
      match: 'lacks the required data action',
      status: [401, 403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid but the principal has no role that allows this data action (control-plane roles such as Owner or Contributor do not grant it).',
      fix: [
        'Assign Cognitive Services OpenAI User (or the role named for the action) to the principal on the resource, then retry after a few minutes.',
      ],
      docs: [ENTRA_DOCS],
    },
  ],
  docs: [
    { title: 'Authenticate requests to Azure AI services', url: AUTH_DOCS },
    { title: 'Authenticate and authorize access to Azure OpenAI APIs using API Management', url: APIM_DOCS },
    { title: 'Authenticate to Azure OpenAI using Microsoft Entra ID', url: ENTRA_DOCS },
  ],
  pitfalls: [
    'Azure OpenAI keys go in the api-key header; sending them as Authorization: Bearer (OpenAI style) fails.',
    "Keys are per resource: a key from resource A against resource B's endpoint gives the same 'invalid subscription key or wrong API endpoint' 401.",
    'With Entra ID the caller needs a data-plane role such as Cognitive Services OpenAI User; Owner or Contributor alone is not enough.',
  ],
  rotate: {
    url: 'https://portal.azure.com/',
    steps: [
      'In the Azure portal open the resource › Resource Management › Keys and Endpoint.',
      'Switch your apps to the other key, then choose Regenerate for the key that leaked.',
      'From the CLI: `az cognitiveservices account keys regenerate --name RESOURCE --resource-group GROUP --key-name key1` (or `key2`).',
      'Prefer Microsoft Entra ID authentication (a managed identity), which leaves no key to leak.',
    ],
  },
} satisfies ProviderPackInput;
