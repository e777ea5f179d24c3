import { createHmac } from 'node:crypto';

/** Signs init data the way Telegram does for a Mini App opened by `user` from the bot with `token`. */
export function signInitData(
  token: string,
  user: { id: number; username?: string; language_code?: string; first_name?: string },
  authDate: Date,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    user: JSON.stringify({ first_name: 'Test', ...user }),
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    ...extra,
  });
  const checked = [...params.entries()]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  params.set('hash', createHmac('sha256', secret).update(checked).digest('hex'));
  return params.toString();
}
