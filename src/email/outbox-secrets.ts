import { open, seal } from '../services/sealed-box.ts';

/**
 * The outbox never holds a usable manage token in the clear (issue 11): the email text keeps
 * MANAGE_URL_SLOT where the manage link goes, the link itself is sealed with a key derived
 * from SECRET_KEY (AES-256-GCM), and the sender fills it in just before sending. A sent row
 * keeps neither (its bodies and sealed fields are cleared), so dumps and copies hold none.
 */
export const MANAGE_URL_SLOT = '[[manage-url]]';

export interface OutboxSecrets {
  manageUrl?: string;
}

export function sealSecrets(key: Buffer, secrets: OutboxSecrets): string {
  return seal(key, JSON.stringify(secrets));
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text with the sealed link filled in (HTML-escaped for an HTML part). Throws when the seal does not open. */
export function fillSecrets(text: string, sealed: string | null, key: Buffer | undefined, html = false): string {
  if (!sealed || !text.includes(MANAGE_URL_SLOT)) return text;
  if (!key) throw new Error('this email holds a sealed manage link but the sender has no SECRET_KEY');
  const { manageUrl } = JSON.parse(open(key, sealed)) as OutboxSecrets;
  const url = manageUrl ?? '';
  return text.split(MANAGE_URL_SLOT).join(html ? escapeHtml(url) : url);
}
