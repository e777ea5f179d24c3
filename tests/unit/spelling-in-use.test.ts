import { describe, expect, it } from 'vitest';
import { listedSpelling, spellingInUse, ukrainianAfterRussian } from '../../shared/places/spelling-in-use.ts';

describe('the spelling in use shown instead of the one written by rule', () => {
  it('takes a listed spelling a letter or two from the written one: usage departs from the letters', () => {
    expect(spellingInUse('Цкалтубо', ['Цхалтубо'], 'ru')).toBe('Цхалтубо');
    expect(spellingInUse('Шаумиани', ['Шаумяни'], 'ru')).toBe('Шаумяни');
    expect(spellingInUse('Уплісціхе', ['Уплисцихе', 'Уплісцихе'], 'uk')).toBe('Уплісцихе');
  });

  it('keeps the written one when a listed spelling is the same name, or the nearest of several', () => {
    expect(spellingInUse('Цхинвали', ['Цхинвал', 'Цхинвали'], 'ru')).toBe('Цхинвали');
    // Only case and how the words are joined differ: that is style, and the rule's is kept.
    expect(spellingInUse('Владичин-Хан', ['Владичин хан'], 'ru')).toBe('Владичин-Хан');
    expect(spellingInUse('Сохуми', ['Сухум', 'Сухуми'], 'ru')).toBe('Сухуми');
  });

  it('takes a spelling that joins two words the written one parts, or parts what it joins', () => {
    expect(spellingInUse('Дедоплисцкаро', ['Дедоплис-Цкаро'], 'ru')).toBe('Дедоплис-Цкаро');
    expect(spellingInUse('Соко-Баня', ['Сокобаня'], 'ru')).toBe('Сокобаня');
    expect(spellingInUse('Бакурианис-Андезити', ['Бакурианский Андезит'], 'ru')).toBe('Бакурианис-Андезити');
  });

  it('takes no spelling that differs by more than one letter in four of a word or two in all: another word, another name', () => {
    expect(spellingInUse('Дони-Милановац', ['Доньи Миловац'], 'ru')).toBe('Дони-Милановац');
    // Upper and Lower Getashen are two villages.
    expect(spellingInUse('Верин-Геташен', ['Неркин Геташен'], 'ru')).toBe('Верин-Геташен');
    // Two letters apart, and not at the same ends: another village's name.
    expect(spellingInUse('Дзорагюх', ['Дзорагет'], 'ru')).toBe('Дзорагюх');
    expect(spellingInUse('Лихни', ['Лыхны'], 'ru')).toBe('Лихни');
    expect(spellingInUse('Джвара', ['Дманиси'], 'ru')).toBe('Джвара');
  });

  it('takes for each language only spellings surely in it', () => {
    // Bulgarian ъ, Serbian ј, Ossetian æ: not Russian.
    expect(spellingInUse('Вршац', ['Вършац'], 'ru')).toBe('Вршац');
    expect(spellingInUse('Крагуевац', ['Крагујевац'], 'ru')).toBe('Крагуевац');
    expect(spellingInUse('Гудаута', ['Гудаутæ'], 'ru')).toBe('Гудаута');
    // Belarusian has і but no и; a spelling Russian and Ukrainian share tells nothing about Ukrainian.
    expect(spellingInUse('Вараждін', ['Вараждзін'], 'uk')).toBe('Вараждін');
    expect(spellingInUse('Зестапоні', ['Зестафони'], 'uk')).toBe('Зестапоні');
    // Ukrainian's ґ or г for a foreign g is style, like case: the written one is kept.
    expect(spellingInUse('Гардабані', ['Гардабани', 'Ґардабані'], 'uk')).toBe('Гардабані');
  });

  it('takes no listing written all in capitals or all in small letters', () => {
    expect(spellingInUse('Цкалтубо', ['ЦХАЛТУБО'], 'ru')).toBe('Цкалтубо');
    expect(spellingInUse('Цкалтубо', ['цхалтубо'], 'ru')).toBe('Цкалтубо');
  });

  it('writes the Ukrainian of a Georgian or Armenian name after the Russian spelling in use', () => {
    expect(ukrainianAfterRussian('Сухуми')).toBe('Сухумі');
    expect(ukrainianAfterRussian('Ехегнадзор')).toBe('Єхегнадзор');
    expect(ukrainianAfterRussian('Шаумяни')).toBe('Шаум’яні');
    expect(ukrainianAfterRussian('Кутаиси')).toBe('Кутаїсі');
    expect(ukrainianAfterRussian('Дедоплис-Цкаро')).toBe('Дедопліс-Цкаро');
    expect(ukrainianAfterRussian('Лыхны')).toBe('Лихни');
    // and for Russian names its own endings and its и where it writes one (Kazakhstan's Oral, Jizzax).
    expect(ukrainianAfterRussian('Петропавловск')).toBe('Петропавловськ');
    expect(ukrainianAfterRussian('Троебратское')).toBe('Троєбратське');
    expect(ukrainianAfterRussian('Белые Воды')).toBe('Белі Води');
    expect(ukrainianAfterRussian('Джиззак')).toBe('Джиззак');
    // and the и of Slavic stems, as Ukrainian's own words have it.
    expect(ukrainianAfterRussian('Нижняя Ала-Арча')).toBe('Нижня Ала-Арча');
    expect(ukrainianAfterRussian('Приозерск')).toBe('Приозерськ');
    expect(ukrainianAfterRussian('Верхнее')).toBe('Верхнє');
    expect(ukrainianAfterRussian('Сырдарья')).toBe('Сирдар’я');
  });

  it('tells no near spelling from a near one that is the written one', () => {
    expect(listedSpelling('Зестапоні', ['Зестафони'], 'uk')).toBeUndefined();
    expect(listedSpelling('Гардабані', ['Ґардабані'], 'uk')).toBe('Гардабані');
  });

  it('keeps the written name’s joins in a listed spelling of as many words', () => {
    expect(spellingInUse('Нор-Геги', ['Нор Гехи'], 'ru')).toBe('Нор-Гехи');
    expect(spellingInUse('Дедоплисцкаро', ['Дедоплис-Цкаро'], 'ru')).toBe('Дедоплис-Цкаро');
  });
});
