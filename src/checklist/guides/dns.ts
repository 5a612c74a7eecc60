import { code, type GuideBuilder, hostOf } from './shared.js';

export const dns: GuideBuilder = (ctx) => {
  const known = hostOf(ctx);
  const host = known ?? 'API_HOST';
  const replace = known ? [] : ['Replace `API_HOST` with the API host, for example `api.example.com`.'];
  return {
    why: 'If the API host resolves to an old or wrong address (a stale cache, a hosts file entry, split DNS on a VPN), you reach a server that does not know your credential.',
    check: [
      `Check what ${code(host)} resolves to, and compare with a public resolver.`,
      'Look for an entry for the host in your hosts file.',
      'Flush the DNS cache and try again.',
    ],
    howTo: [
      {
        title: 'Check resolution',
        steps: [
          ...replace,
          'Compare the answer from your resolver with a public one (`@1.1.1.1`); different answers point at a stale cache, a hosts file entry or split DNS.',
          'Look for the host in `/etc/hosts` (Windows: `C:\\Windows\\System32\\drivers\\etc\\hosts`); an entry there overrides DNS.',
        ],
        code: {
          text: [
            `dig +short ${host}`,
            `dig +short ${host} @1.1.1.1`,
            `nslookup ${host}`,
            `grep -i '${host}' /etc/hosts`,
          ].join('\n'),
          language: 'bash',
        },
      },
      {
        title: 'Windows',
        steps: [
          'Open Command Prompt or PowerShell (as Administrator if the command is refused) and flush the cache with `ipconfig /flushdns`.',
          'In PowerShell, `Clear-DnsClientCache` does the same and `Resolve-DnsName` shows the new answer.',
        ],
        code: { text: ['ipconfig /flushdns', `Resolve-DnsName ${host}`].join('\n'), language: 'powershell' },
      },
      {
        title: 'macOS',
        steps: [
          'Flush the cache with the command below (it asks for your password).',
          `Then check the answer with ${code(`dscacheutil -q host -a name ${host}`)}.`,
        ],
        code: { text: 'sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder', language: 'bash' },
      },
      {
        title: 'Linux',
        steps: [
          'With systemd-resolved (most current distributions): `sudo resolvectl flush-caches`; on older versions `sudo systemd-resolve --flush-caches`.',
          'With nscd: `sudo nscd -i hosts`. With dnsmasq: `sudo systemctl restart dnsmasq`.',
          `Without a local cache there is nothing to flush: check \`/etc/hosts\` and \`/etc/resolv.conf\`, then ${code(`resolvectl query ${host}`)} or \`dig\`.`,
        ],
        code: {
          text: [
            'sudo resolvectl flush-caches          # systemd-resolved',
            'sudo systemd-resolve --flush-caches   # older systemd-resolved',
            'sudo nscd -i hosts                    # nscd',
          ].join('\n'),
          language: 'bash',
        },
      },
      {
        title: 'Browsers and runtimes',
        steps: [
          'Chrome and Edge keep their own cache: open `chrome://net-internals/#dns` (Edge: `edge://net-internals/#dns`) and choose Clear host cache.',
          'Long-running processes (the JVM in particular) cache DNS answers themselves; restart them after a DNS change.',
        ],
      },
    ],
    links: [],
  };
};
