import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, raw } from '../../src/web/html.ts';

describe('html template helper', () => {
  it('escapes every interpolated value', () => {
    const name = '<script>alert("x")</script> & \'friends\' `tick`';
    assert.equal(
      html`<p title="${name}">${name}</p>`.value,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39; &#96;tick&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39; &#96;tick&#96;</p>',
    );
  });

  it('nests fragments and arrays without escaping them twice', () => {
    const items = ['a<b', 'c&d'].map((s) => html`<li>${s}</li>`);
    assert.equal(html`<ul>${items}</ul>`.value, '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    assert.equal(html`${null}${undefined}${false}${0}${7}`.value, '07');
  });

  it('passes trusted markup through raw() only', () => {
    assert.equal(html`${raw('<b>ok</b>')}`.value, '<b>ok</b>');
    assert.equal(escapeHtml('<b>'), '&lt;b&gt;');
  });
});
