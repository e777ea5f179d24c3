import { CfnParameter, type Stack } from 'aws-cdk-lib';

/**
 * Context keys read at synth time. Values that only fill settings become the defaults of stack
 * parameters (so `cdk deploy -c mailFrom=…` and `--parameters MailFrom=…` both work); the ones
 * that change the shape of the stack (an extra subscription, an extra IAM resource) are context only.
 */
export const CONTEXT = {
  mailFrom: 'mailFrom',
  sesIdentity: 'sesIdentity',
  coordinators: 'coordinators',
  coordinatorLanguages: 'coordinatorLanguages',
  retentionDays: 'retentionDays',
  proposalTtlHours: 'proposalTtlHours',
  confirmMailsPerHour: 'confirmMailsPerHour',
  requireVerifiedHosts: 'requireVerifiedHosts',
  publicUrl: 'publicUrl',
  alarmEmail: 'alarmEmail',
  /** A Secrets Manager secret (name or ARN) holding {"botToken": …, "webhookSecret": …}: turns the bot on. */
  telegramSecret: 'telegramSecret',
  telegramBotUsername: 'telegramBotUsername',
} as const;

const LANGUAGE = '"(en|ru|uk|tr)"';
const LANGUAGES_OF_A_COUNTRY = String.raw`"([A-Z]{2}|\*)"\s*:\s*\[\s*${LANGUAGE}(\s*,\s*${LANGUAGE})*\s*\]`;
/**
 * What CoordinatorLanguages may hold, checked when the stack is deployed: a malformed value that
 * reached the functions would stop every one of them at start (shared/config.ts), intake too.
 * A language listed twice passes here, and the functions refuse it.
 */
export const COORDINATOR_LANGUAGES_PATTERN = String.raw`^\s*\{\s*(${LANGUAGES_OF_A_COUNTRY}(\s*,\s*${LANGUAGES_OF_A_COUNTRY})*)?\s*\}\s*$`;

export interface Settings {
  readonly mailFrom: string;
  readonly sesIdentity: string;
  readonly coordinators: string;
  readonly coordinatorLanguages: string;
  readonly retentionDays: string;
  readonly proposalTtlHours: string;
  readonly confirmMailsPerHour: string;
  readonly requireVerifiedHosts: string;
  readonly publicUrl: CfnParameter;
  readonly alarmEmail: string | undefined;
  /** Telegram's bot, when the operator runs one: its secret's name and the bot's username. */
  readonly telegram: { readonly secretName: string; readonly username: string } | undefined;
}

/**
 * The stack's parameters (at the stack's top level, so `--parameters Haven:MailFrom=…` names
 * them) and the context-only settings.
 */
export function readSettings(stack: Stack): Settings {
  const context = (key: string): string | undefined => {
    const value: unknown = stack.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const mailFrom = new CfnParameter(stack, 'MailFrom', {
    type: 'String',
    description: 'Sender of every mail, e.g. "Haven <noreply@haven.example.org>"; SesIdentity must cover it.',
    minLength: 3,
    default: context(CONTEXT.mailFrom),
  });
  const sesIdentity = new CfnParameter(stack, 'SesIdentity', {
    type: 'String',
    description: 'The verified SES identity (domain or address) the mailer may send as.',
    allowedPattern: '^[^\\s/*]+$',
    constraintDescription: 'a domain or an email address, without wildcards',
    default: context(CONTEXT.sesIdentity),
  });
  const coordinators = new CfnParameter(stack, 'Coordinators', {
    type: 'String',
    description:
      'JSON map of country code to coordinator emails, "*" the fallback: {"DE":["a@x.org"],"*":["b@x.org"]}',
    allowedPattern: '^\\s*\\{.*\\}\\s*$',
    constraintDescription: 'a JSON object',
    default: context(CONTEXT.coordinators),
  });
  const coordinatorLanguages = new CfnParameter(stack, 'CoordinatorLanguages', {
    type: 'String',
    description:
      'JSON map of country code to the languages (en, ru, uk, tr) its coordinators read mail in, "*" the fallback: {"TR":["tr","ru"]}; {} gives English and the host\'s language.',
    allowedPattern: COORDINATOR_LANGUAGES_PATTERN,
    constraintDescription: 'a JSON object of country codes (or "*") to lists of en, ru, uk, tr',
    default: context(CONTEXT.coordinatorLanguages) ?? '{}',
  });
  const retentionDays = new CfnParameter(stack, 'RetentionDays', {
    type: 'Number',
    description: 'Days a closed record is kept before its TTL removes it.',
    minValue: 1,
    maxValue: 3650,
    default: context(CONTEXT.retentionDays) ?? '90',
  });
  const proposalTtlHours = new CfnParameter(stack, 'ProposalTtlHours', {
    type: 'Number',
    description: 'Hours a coordinator has to decide on a proposal before it expires.',
    minValue: 1,
    maxValue: 720,
    default: context(CONTEXT.proposalTtlHours) ?? '72',
  });
  const confirmMailsPerHour = new CfnParameter(stack, 'ConfirmMailsPerHour', {
    type: 'Number',
    description:
      'Confirmation mails to unconfirmed addresses the whole service sends in an hour, at most; once reached, submissions are turned away until the hour ends. Keep it within the SES sending quota.',
    minValue: 1,
    maxValue: 1_000_000,
    default: context(CONTEXT.confirmMailsPerHour) ?? '3000',
  });
  const requireVerifiedHosts = new CfnParameter(stack, 'RequireVerifiedHosts', {
    type: 'String',
    description:
      'true: a proposal whose host no coordinator has checked cannot be approved until the check is recorded; false: it can, and says the host is unverified.',
    allowedValues: ['true', 'false'],
    default: context(CONTEXT.requireVerifiedHosts) ?? 'true',
  });
  const publicUrl = new CfnParameter(stack, 'PublicUrl', {
    type: 'String',
    description: 'Public base URL used in mail links; empty means the HTTP API URL.',
    allowedPattern: '^(https://\\S+)?$',
    constraintDescription: 'empty or an https:// URL',
    default: context(CONTEXT.publicUrl) ?? '',
  });
  const telegramSecret = context(CONTEXT.telegramSecret);
  const telegramBotUsername = context(CONTEXT.telegramBotUsername);
  if ((telegramSecret === undefined) !== (telegramBotUsername === undefined)) {
    throw new Error(
      `Telegram needs both -c ${CONTEXT.telegramSecret}=… and -c ${CONTEXT.telegramBotUsername}=…, or neither`,
    );
  }
  return {
    mailFrom: mailFrom.valueAsString,
    sesIdentity: sesIdentity.valueAsString,
    coordinators: coordinators.valueAsString,
    coordinatorLanguages: coordinatorLanguages.valueAsString,
    retentionDays: retentionDays.valueAsString,
    proposalTtlHours: proposalTtlHours.valueAsString,
    confirmMailsPerHour: confirmMailsPerHour.valueAsString,
    requireVerifiedHosts: requireVerifiedHosts.valueAsString,
    publicUrl,
    alarmEmail: context(CONTEXT.alarmEmail),
    telegram:
      telegramSecret && telegramBotUsername
        ? { secretName: telegramSecret, username: telegramBotUsername }
        : undefined,
  };
}
