import type { Child } from 'hono/jsx';

/**
 * A row's parts separated by " · ", each kept whole on a narrow phone: the line breaks between
 * parts ("3 people · → Istanbul ·" / "9 Dec · 96%"), never inside one ("9 /Dec"), unless a single
 * part is longer than the line (site-css `.part`). The separator ends the part before it, held
 * to its last word by a no-break space, so a line starts with a part and no dot stands alone.
 */
export function Parts({ parts }: { parts: readonly Child[] }) {
  const shown = parts.filter((part) => part !== '' && part !== null && part !== undefined);
  return (
    <>
      {shown.map((part, index) => (
        <>
          {index > 0 ? ' ' : null}
          <span class="part">
            {part}
            {index < shown.length - 1 ? '\u00a0·' : null}
          </span>
        </>
      ))}
    </>
  );
}

/** An instant's zone in brackets, after its time ("19:42 (время в Грузии)"). */
const ZONE = /(?<=\d:\d\d )\([^()]+\)/g;

/**
 * Text with each instant's bracketed zone kept whole on a narrow phone, as a part: "(время в /
 * Грузии)" never breaks inside, though the text around it wraps as usual.
 */
export function ZonesWhole({ text }: { text: string }) {
  const pieces: Child[] = [];
  let from = 0;
  for (const match of text.matchAll(ZONE)) {
    const at = match.index ?? 0;
    pieces.push(text.slice(from, at), <span class="part">{match[0]}</span>);
    from = at + match[0].length;
  }
  if (from === 0) return <>{text}</>;
  pieces.push(text.slice(from));
  return <>{pieces}</>;
}
