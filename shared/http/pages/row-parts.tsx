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
