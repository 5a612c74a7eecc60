/** Durations as people read them in replies and escalations, the same on every platform. */

/** 0 → "under a second", 950 → "1 s", 185000 → "3 min 5 s", then "3 h 5 min", "2 d 4 h": two units at most. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 1) return 'under a second';
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const out: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    if (out.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out.push(`${n} ${name}`);
    else if (out.length > 0) break;
  }
  return out.join(' ');
}
