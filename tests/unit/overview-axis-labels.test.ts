import { describe, expect, it } from 'vitest';
import { clearOfEachOther } from '../../shared/http/pages/overview-charts.tsx';

describe('overview axis labels', () => {
  it('keeps the newest day and leaves out a label that would run into the one kept to its right', () => {
    const kept = clearOfEachOther([
      { x: 130, anchor: 'middle', text: '23 окт.' },
      { x: 240, anchor: 'middle', text: '6 нояб.' },
      { x: 350, anchor: 'middle', text: '20 нояб.' },
      { x: 468, anchor: 'end', text: '4 дек.' },
    ]);
    expect(kept.map((label) => label.text)).toEqual(['4 дек.', '6 нояб.', '23 окт.']);
  });

  it('keeps all four days where a wide screen draws its labels smaller', () => {
    const kept = clearOfEachOther(
      [
        { x: 130, anchor: 'middle', text: '23 окт.' },
        { x: 240, anchor: 'middle', text: '6 нояб.' },
        { x: 350, anchor: 'middle', text: '20 нояб.' },
        { x: 468, anchor: 'end', text: '4 дек.' },
      ],
      12,
    );
    expect(kept.map((label) => label.text)).toEqual(['4 дек.', '20 нояб.', '6 нояб.', '23 окт.']);
  });

  it('keeps every label when they stand clear of each other', () => {
    const labels = [
      { x: 100, anchor: 'middle', text: '1' },
      { x: 200, anchor: 'middle', text: '3–4' },
      { x: 300, anchor: 'end', text: '365+' },
    ] as const;
    expect(clearOfEachOther(labels)).toHaveLength(3);
  });
});
