import { authReference, type GuideBuilder, links } from './shared.js';

export const networkRestrictions: GuideBuilder = (ctx) => ({
  why: 'Some APIs and keys accept calls only from certain IP addresses, apps or websites, and a corporate proxy or VPN can change your IP address or strip the `Authorization` header on the way.',
  check: [
    'Check whether the key or account has an IP allowlist, and whether your egress IP address is on it.',
    'Check the key restrictions: allowed websites (referrers), apps, IP addresses and APIs.',
    'Check whether a proxy or VPN sits between you and the API.',
  ],
  howTo: [
    {
      title: 'Find your egress IP address',
      steps: [
        'Ask your network team for the egress IP addresses of the network the calls come from; servers, CI runners and laptops usually differ.',
        'Or run the command below on the machine making the calls. It contacts a third-party service (ifconfig.me); add `-4` or `-6` to see each address family.',
        'Compare the address with the allowlist in the API dashboard.',
      ],
      code: { text: 'curl -s https://ifconfig.me; echo', language: 'bash' },
    },
    {
      title: 'Key restrictions',
      steps: [
        'A key restricted to websites (HTTP referrers) fails from servers and curl; a key restricted to IP addresses fails from browsers.',
        'A key restricted to an Android or iOS app works only from that app.',
        'A key limited to some APIs fails on the others; compare its restrictions with where and what you call.',
      ],
    },
    {
      title: 'Proxies and VPNs',
      steps: [
        'List proxy settings with `env | grep -i proxy` (PowerShell: `Get-ChildItem env: | Where-Object Name -match proxy`).',
        'A `407 Proxy Authentication Required` comes from your proxy, not from the API.',
        'Some proxies and gateways strip or replace `Authorization`; compare with a request from outside that network.',
        "On a VPN your egress IP address is the VPN's, which may not be on the allowlist (or may be the only one that is).",
      ],
      code: { text: 'env | grep -i proxy', language: 'bash' },
    },
  ],
  links: links(authReference(ctx)),
});
