import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { TooManyRequests } from '../../shared/domain/errors.ts';
import { handleError } from '../../shared/http/errors.ts';
import { logger } from '../../shared/log.ts';

/** The page a person gets when a route refuses with `error`, in `lang`. */
async function pageFor(error: Error, lang: string) {
  const app = new Hono();
  app.post('/offers', () => {
    throw error;
  });
  app.onError((thrown, c) => handleError(thrown, c, logger));
  const response = await app.request(`/offers?lang=${lang}`, { method: 'POST' });
  return { status: response.status, text: await response.text() };
}

describe('the page for a refusal by a rate limit', () => {
  it.each([
    ['en', 'submissions', /many forms from this network in the last hour/, /sign-in|email|few minutes/],
    ['ru', 'submissions', /Из этой сети за последний час пришло много анкет/, /входа|почты|минут/],
    ['uk', 'submissions', /З цієї мережі за останню годину/, /входу|пошти|хвилин/],
    ['tr', 'submissions', /bu ağdan çok sayıda form/, /e-posta|dakika/],
    // The mailbox filled it, wherever the forms came from: not "from here", and an hour, not minutes.
    ['en', 'mailbox-submissions', /with this email address in the last hour/, /network|from here|minutes/],
    [
      'ru',
      'mailbox-submissions',
      /За последний час пришло много анкет с этим адресом электронной почты/,
      /сети|Отсюда|минут/,
    ],
    [
      'uk',
      'mailbox-submissions',
      /За останню годину надійшло багато анкет із цією адресою електронної пошти/,
      /мережі|Звідси|хвилин/,
    ],
    ['tr', 'mailbox-submissions', /bu e-posta adresiyle/, /ağdan|buradan|dakika/],
    // A Mini App sender may have given no address: the chat filled it.
    ['en', 'chat-submissions', /from this Telegram account in the last hour/, /email|network|minutes/],
    ['ru', 'chat-submissions', /из этого аккаунта Telegram пришло много анкет/, /почты|сети|минут/],
    ['uk', 'chat-submissions', /з цього акаунта Telegram надійшло багато анкет/, /пошти|мережі|хвилин/],
    ['tr', 'chat-submissions', /bu Telegram hesabından çok sayıda form/, /e-posta|ağdan|dakika/],
    ['ru', 'sign-ins', /слишком много попыток входа/, /анкет/],
    ['uk', 'sign-ins', /забагато спроб входу/, /анкет/],
    ['tr', 'sign-ins', /giriş denemesi/, /form/],
    ['en', 'all-submissions', /from everyone/, /from here/],
    ['ru', 'all-submissions', /анкет\u00a0— от самых разных людей/, /Отсюда/],
    ['uk', 'all-submissions', /від багатьох людей одночасно/, /Звідси/],
    ['tr', 'all-submissions', /herkesten/, /buradan/],
  ] as const)('%s names what %s filled, and nothing else', async (lang, counted, says, not) => {
    const { status, text } = await pageFor(new TooManyRequests('refused', 60, counted), lang);
    expect(status).toBe(429);
    expect(text).toMatch(says);
    expect(text).not.toMatch(not);
  });

  it.each([
    ['en', 'Too many forms', 'Please wait a moment'],
    ['ru', 'Слишком много анкет', 'Подождите немного'],
    ['uk', 'Забагато анкет', 'Зачекайте трохи'],
    ['tr', 'Çok fazla form', 'Lütfen biraz bekleyin'],
  ] as const)(
    '%s titles a form limit by the forms, never as a short wait, and a sign-in limit by the wait',
    async (lang, forms, wait) => {
      for (const counted of [
        'submissions',
        'mailbox-submissions',
        'chat-submissions',
        'all-submissions',
      ] as const) {
        const { text } = await pageFor(new TooManyRequests('refused', 3600, counted), lang);
        expect(text).toContain(`<h1>${forms}</h1>`);
        expect(text).not.toContain(wait);
      }
      const { text } = await pageFor(new TooManyRequests('refused', 900, 'sign-ins'), lang);
      expect(text).toContain(`<h1>${wait}</h1>`);
    },
  );
});
