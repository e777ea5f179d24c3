/**
 * A country's lookup index, data/<country>.idx, derived from its data/<country>.tsv (generate.ts
 * writes both). Building the index in the service meant splitting every name of a country into
 * a Map on the first lookup (Germany: 32,000 names, 130–210 ms); read sorted from a file, a lookup
 * is a binary search over its lines, and the first costs little more than reading the files.
 *
 * Format: a first line with the number of lines in each of the three sections that follow, then
 *   names   `<folded name>\t<places whose own name it is>\t<places that also go by it>`
 *   words   the same for every word after the first of a name ("kemer" of "eski kemer"): completion
 *   sounds  `<sound key>\t<places>`
 * each sorted by its first field (JavaScript's string order), places as line numbers of the .tsv
 * (0-based, most populous first), comma-separated, ascending.
 */

type Lists = Map<string, { own: Set<number>; other: Set<number> }>;

const add = (lists: Lists, key: string, at: number, own: boolean) => {
  if (key === '') return;
  let entry = lists.get(key);
  if (!entry) {
    entry = { own: new Set(), other: new Set() };
    lists.set(key, entry);
  }
  (own ? entry.own : entry.other).add(at);
};

const ascending = (ats: Iterable<number>) => [...ats].sort((a, b) => a - b).join(',');
const byKey = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The .idx text of a country's .tsv text. */
export function indexFileOf(tsv: string): string {
  const names: Lists = new Map();
  const words: Lists = new Map();
  const sounds = new Map<string, Set<number>>();
  const lines = tsv.split('\n').filter((line) => line !== '');
  lines.forEach((line, at) => {
    const fields = line.split('\t');
    const ownKeys = (fields[9] ?? '').split('|');
    const otherKeys = fields[10] ? fields[10].split('|') : [];
    for (const [keys, own] of [
      [ownKeys, true],
      [otherKeys, false],
    ] as const) {
      for (const key of keys) {
        add(names, key, at, own);
        for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1))
          add(words, key.slice(i + 1), at, own);
      }
    }
    for (const sound of (fields[11] ?? '').split('|')) {
      if (sound === '') continue;
      sounds.set(sound, (sounds.get(sound) ?? new Set()).add(at));
    }
  });
  const listLines = (lists: Lists) =>
    byKey(lists).map(([key, { own, other }]) => `${key}\t${ascending(own)}\t${ascending(other)}`);
  const nameLines = listLines(names);
  const wordLines = listLines(words);
  const soundLines = byKey(sounds).map(([key, ats]) => `${key}\t${ascending(ats)}`);
  return `${[`${nameLines.length}\t${wordLines.length}\t${soundLines.length}`, ...nameLines, ...wordLines, ...soundLines].join('\n')}\n`;
}
