import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../src/i18n/catalogue-types.ts';
import { en } from '../../src/i18n/en.ts';
import { ko } from '../../src/i18n/ko.ts';
import { SAME_IN_EVERY_LANGUAGE } from '../../src/i18n/same-in-every-language.ts';
import type { MessageKey } from '../../src/i18n/translate.ts';

// Types make a missing Korean key a tsc error; this test checks what the types cannot.

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

function texts(message: Message): string[] {
  return typeof message === 'string'
    ? [message]
    : Object.values(message).filter((v): v is string => typeof v === 'string');
}

function placeholders(message: Message): string[] {
  const names = new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));
  if (typeof message !== 'string') names.add('count');
  return [...names].sort();
}

function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\{\w+\}/g, ''));
}

const enKeys = Object.keys(en).sort() as MessageKey[];

test('both languages have exactly the same keys', () => {
  assert.deepEqual(Object.keys(ko).sort(), enKeys);
});

test('no text is empty in either language', () => {
  for (const [lang, catalogue] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    for (const key of enKeys) {
      const message: Message = catalogue[key];
      assert.ok(message !== undefined, `${lang}: ${key} is missing`);
      for (const text of texts(message)) assert.ok(text.trim().length > 0, `${lang}: ${key} is empty`);
      if (typeof message !== 'string') assert.ok(message.other.trim(), `${lang}: ${key} has no "other" form`);
    }
  }
});

test('both languages use the same placeholders', () => {
  for (const key of enKeys) assert.deepEqual(placeholders(ko[key]), placeholders(en[key]), `placeholders of ${key}`);
});

test('Korean texts are translated (not the English text, and written in Hangul)', () => {
  for (const key of enKeys) {
    if (SAME_IN_EVERY_LANGUAGE.has(key)) continue;
    for (const text of texts(ko[key])) {
      if (!hasLetters(text)) continue;
      assert.ok(!texts(en[key]).includes(text), `ko: ${key} is the English text "${text}"`);
      assert.match(text, HANGUL, `ko: ${key} has no Korean: "${text}"`);
    }
  }
});

test('English texts carry no Korean', () => {
  for (const key of enKeys) {
    if (SAME_IN_EVERY_LANGUAGE.has(key)) continue;
    for (const text of texts(en[key])) assert.doesNotMatch(text, HANGUL, `en: ${key} has Korean: "${text}"`);
  }
});

test('keys are "<area>.<name>" so parts of the catalogue cannot collide', () => {
  for (const key of enKeys) assert.match(key, /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/, key);
});
