import { describe, expect, it } from 'vitest';
import { actorText, eventText, historyLines, lineText } from '../../shared/http/pages/history-lines.ts';
import { translator } from '../../shared/i18n/index.ts';

const event = (action: string, extra: { from?: string; to?: string; fields?: string[] } = {}) => ({
  id: 'e',
  at: '2026-12-01T10:00:00.000Z',
  action,
  actor: 'link:manage-offer',
  ...extra,
});

describe('history lines', () => {
  it('folds one coordinator’s views in a row on one day into one line, dated at the latest, and keeps every other event', () => {
    const viewed = (by: string, at: string) => ({
      ...event('coordinator.viewed'),
      actor: `coordinator:${by}`,
      at: `2026-12-01T10:0${at}:00.000Z`,
    });
    // Newest first, as the trail is read.
    const lines = historyLines(
      [
        viewed('a@haven.test', '9'),
        viewed('a@haven.test', '8'),
        viewed('a@haven.test', '7'),
        viewed('b@haven.test', '6'),
        event('pause'),
        viewed('a@haven.test', '2'),
      ],
      'Europe/Istanbul',
    );
    expect(lines.map((line) => [line.event.actor, line.event.at.slice(14, 16), line.times])).toEqual([
      ['coordinator:a@haven.test', '09', 3],
      ['coordinator:b@haven.test', '06', 1],
      ['link:manage-offer', '00', 1],
      ['coordinator:a@haven.test', '02', 1],
    ]);
    const [three, one] = lines as [(typeof lines)[number], (typeof lines)[number]];
    expect(lineText(three, 'offer', translator('ru'))).toBe('Запись просмотрена 3 раза');
    expect(lineText(three, 'offer', translator('uk'))).toBe('Запис переглянуто 3 рази');
    expect(lineText(three, 'offer', translator('tr'))).toBe('Kayıt 3 kez görüntülendi');
    expect(lineText(three, 'offer', translator('en'))).toBe('Opened this record 3 times');
    expect(lineText(one, 'offer', translator('en'))).toBe('Opened this record');
    const times = (n: number, locale: 'ru' | 'uk') =>
      lineText({ ...three, times: n }, 'offer', translator(locale));
    expect([5, 21, 22].map((n) => times(n, 'ru'))).toEqual([
      'Запись просмотрена 5 раз',
      'Запись просмотрена 21 раз',
      'Запись просмотрена 22 раза',
    ]);
    expect([5, 21, 22].map((n) => times(n, 'uk'))).toEqual([
      'Запис переглянуто 5 разів',
      'Запис переглянуто 21 раз',
      'Запис переглянуто 22 рази',
    ]);
  });

  it('keeps one coordinator’s views on different days, in the country’s time, as lines of their own', () => {
    const viewed = (at: string) => ({
      ...event('coordinator.viewed'),
      actor: 'coordinator:a@haven.test',
      at,
    });
    // Newest first: Friday, then two views either side of midnight in Istanbul (UTC+3), then Monday.
    const history = [
      viewed('2026-12-04T09:00:00.000Z'),
      viewed('2026-12-01T21:30:00.000Z'),
      viewed('2026-12-01T20:30:00.000Z'),
      viewed('2026-11-30T09:00:00.000Z'),
    ];
    const shown = (timeZone: string) =>
      historyLines(history, timeZone).map((line) => [line.event.at.slice(0, 16), line.times]);
    expect(shown('Europe/Istanbul')).toEqual([
      ['2026-12-04T09:00', 1],
      ['2026-12-01T21:30', 1],
      ['2026-12-01T20:30', 1],
      ['2026-11-30T09:00', 1],
    ]);
    // The same two evening views are one day in UTC.
    expect(shown('UTC')).toEqual([
      ['2026-12-04T09:00', 1],
      ['2026-12-01T21:30', 2],
      ['2026-11-30T09:00', 1],
    ]);
  });

  it('names an edit’s changed facts by their labels, once each, leaving internal fields out', () => {
    const edit = event('edit', {
      fields: ['city', 'lat', 'lon', 'cell', 'availableFrom', 'availableTo', 'beds'],
    });
    expect(eventText(edit, 'offer', translator('tr'))).toBe('Değiştirildi: Yer, Müsait, Yatak sayısı');
    expect(eventText(edit, 'offer', translator('en'))).toBe('Changed: Place, Available, Beds');
  });

  it('says where the status went in words when the sentence does not', () => {
    const edit = event('edit', { from: 'proposed', to: 'open', fields: ['arrival', 'status'] });
    expect(eventText(edit, 'request', translator('ru'))).toBe(
      'Изменено: Даты (предложена пара, ждёт решения → ищет жильё)',
    );
    const paused = event('pause', { from: 'open', to: 'paused', fields: ['status'] });
    expect(eventText(paused, 'offer', translator('uk'))).toBe('Призупинено');
  });

  it('tells an offer’s reminder from a request’s, and names who acted without machine names', () => {
    const t = translator('en');
    expect(eventText(event('availability-unanswered', { from: 'open', to: 'paused' }), 'offer', t)).toBe(
      'No answer to the reminder: paused',
    );
    expect(eventText(event('availability-unanswered'), 'request', t)).toBe(
      'No answer to the reminder: expired',
    );
    expect(actorText('link:manage-request', t)).toBe('the person, by their private link');
    expect(actorText('process:lifecycle', t)).toBe('Haven, automatically');
    expect(actorText('coordinator:tr@haven.test', t)).toBe('tr@haven.test');
    expect(actorText('form', t)).toBe('the person themselves');
  });

  it('names the reindex command as an operator updating stored data, in every language', () => {
    expect(actorText('process:reindex-command', translator('en'))).toBe(
      'an operator, updating the stored data after a new release',
    );
    expect(actorText('process:reindex-command', translator('ru'))).toBe(
      'оператор, при обновлении сохранённых данных после выхода новой версии',
    );
    expect(actorText('process:reindex-command', translator('uk'))).toBe(
      'оператор, під час оновлення збережених даних після виходу нової версії',
    );
    expect(actorText('process:reindex-command', translator('tr'))).toBe(
      'bir operatör, yeni sürümün ardından kayıtlı verileri güncellerken',
    );
  });

  it('says what the re-index’s backfills changed (the time an erasure or a pause’s lapse counts from), not a bare "changed"', () => {
    const ended = event('ended-at-backfilled', { fields: ['endedAt'] });
    const paused = event('paused-at-backfilled', { fields: ['pausedAt'] });
    expect(eventText(ended, 'offer', translator('en'))).toBe(
      'Erasure date now counted from the day it ended',
    );
    expect(eventText(paused, 'request', translator('en'))).toBe('Pause now counted from the day it began');
    expect(eventText(ended, 'request', translator('ru'))).toBe(
      'Срок удаления данных теперь отсчитывается от дня, когда запись перестала действовать',
    );
    expect(eventText(paused, 'offer', translator('tr'))).toBe(
      'Duraklatma süresi artık başladığı günden itibaren hesaplanıyor',
    );
  });
});
