/**
 * The first `most` UTF-16 units of a text, never half a character: an emoji cut in two is no
 * text, and a cookie, a link or a Telegram message that carries it cannot be written.
 */
export function cutText(text: string, most: number): string {
  const cut = text.slice(0, most);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
