import { registerWebhook } from '../../shared/telegram/webhook-registration.ts';

/**
 * `npm run telegram:webhook`: for an operator, once per deployment (and after the public URL
 * or the secret changes). Reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL
 * (TELEGRAM_API_ROOT for another Bot API server) and registers PUBLIC_URL/telegram/webhook.
 */
try {
  const url = await registerWebhook(process.env);
  console.log(`Telegram now sends the bot's updates to ${url}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
