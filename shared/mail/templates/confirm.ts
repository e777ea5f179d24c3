import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
import { recordFacts } from './facts.ts';
import { buttons, facts, note, paragraph, renderMail, signature } from './layout.tsx';

/**
 * new: a first submission. held: a resubmission for an existing record (confirmed or not),
 * applied only if its link is confirmed. address: an address typed into the Telegram Mini App,
 * whose record is open already and gives the address only once it is confirmed.
 */
export type ConfirmVariant = 'new' | 'held' | 'address';

export interface ConfirmMailInput {
  /** The record as it is (new) or as it will be once the link is confirmed (held). */
  readonly record: OfferRecord | RequestRecord;
  readonly variant: ConfirmVariant;
  readonly confirmUrl: string;
  /**
   * The record's private manage link; left out when the address is not yet the record's to
   * manage (a Telegram chat's record that newly gives it: the link comes once it is confirmed).
   */
  readonly manageUrl?: string;
}

/**
 * The mail that asks a host or seeker to confirm their address, in their language, with the
 * confirm link and the private manage link; rendered for the outbox in the transaction that
 * stores the record.
 */
export function renderConfirmMail(input: ConfirmMailInput): RenderedMail {
  const { record, confirmUrl, manageUrl, variant } = input;
  const t = translator(record.locale);
  const offer = record.kind === 'offer';
  const held = variant === 'held';
  const subject = t(
    held
      ? offer
        ? 'mail.confirm.subjectHeldOffer'
        : 'mail.confirm.subjectHeldRequest'
      : offer
        ? 'mail.confirm.subjectOffer'
        : 'mail.confirm.subjectRequest',
  );
  const intro = held
    ? t(offer ? 'mail.confirm.heldOffer' : 'mail.confirm.heldRequest')
    : t(offer ? 'mail.confirm.thanksOffer' : 'mail.confirm.thanksRequest');
  // Only a new record waits for the address; a Mini App record is matched meanwhile.
  const after =
    variant === 'new'
      ? `${t(offer ? 'mail.confirm.pendingOffer' : 'mail.confirm.pendingRequest')} ${t('mail.confirm.confirmExpiry')}`
      : t('mail.confirm.confirmExpiry');
  return renderMail({
    template: variant === 'new' ? `confirm-${record.kind}` : `confirm-${record.kind}-${variant}`,
    to: [record.email],
    locale: record.locale,
    subject,
    blocks: [
      paragraph(t('mail.greeting', { name: record.name })),
      paragraph(intro),
      ...(held ? [] : [paragraph(t('mail.confirm.confirmAsk'))]),
      buttons({
        href: confirmUrl,
        label: t(held ? 'mail.confirm.applyButton' : 'mail.confirm.confirmButton'),
      }),
      paragraph(after),
      facts(recordFacts(record, t), t('mail.confirm.facts')),
      ...(manageUrl === undefined
        ? []
        : [
            paragraph(t('mail.confirm.manageIntro')),
            buttons({ href: manageUrl, label: t('mail.confirm.manageButton') }),
            { kind: 'paragraph' as const, text: t('mail.confirm.manageKeep'), strong: true },
          ]),
      note(t('mail.confirm.notYou')),
      signature(t),
    ],
  });
}

/**
 * The mail for a request sent again over a stay already arranged (a placed request): nothing
 * was added or changed, and the manage link (or, for a stay made in Telegram, the chat's
 * button) shows the stay and the host's contact. It goes to the address that sent it, as any
 * resend's mail does, so the form's answer can stay the same.
 */
export function renderPlacedRepeatMail(record: RequestRecord, manageUrl: string | undefined): RenderedMail {
  const t = translator(record.locale);
  return renderMail({
    template: 'repeat-request-placed',
    to: [record.email],
    locale: record.locale,
    subject: t('mail.confirm.subjectPlacedRequest'),
    blocks: [
      paragraph(t('mail.greeting', { name: record.name })),
      paragraph(t('mail.confirm.placedRequest')),
      // A stay made in Telegram is the chat's to manage (links.ts), so the address gets no link:
      // the mail sends the family to the chat's button rather than to a link it does not hold.
      paragraph(
        manageUrl === undefined
          ? t('mail.confirm.placedTelegram', { button: t('confirm.manageLink') })
          : t('mail.confirm.placedLink'),
      ),
      paragraph(t('mail.confirm.placedProblem')),
      ...(manageUrl === undefined
        ? []
        : [
            buttons({ href: manageUrl, label: t('mail.confirm.manageButton') }),
            { kind: 'paragraph' as const, text: t('mail.confirm.manageKeep'), strong: true },
          ]),
      note(t('mail.confirm.notYou')),
      signature(t),
    ],
  });
}
