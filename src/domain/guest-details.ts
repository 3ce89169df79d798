import { DomainError, type FieldError } from './errors.ts';
import { LIMITS } from './limits.ts';

export interface GuestDetailsInput {
  name?: unknown;
  email?: unknown;
  phone?: unknown;
  notes?: unknown;
}

export interface GuestDetails {
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const PHONE = /^[+0-9()./ -]{3,32}$/;
/** Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides: never in a name or phone. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Notes may span lines (\n, \r, tab), nothing else invisible. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOTES_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function optionalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Validates and normalises guest contact details; every problem is reported with its field. */
export function validateGuestDetails(input: GuestDetailsInput, options: { emailRequired: boolean }): GuestDetails {
  const errors: FieldError[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) errors.push({ field: 'name', message: 'name is required', key: 'validation.nameRequired' });
  else if (name.length > LIMITS.name)
    errors.push({
      field: 'name',
      message: `name must be at most ${LIMITS.name} characters`,
      key: 'validation.nameTooLong',
    });
  else if (CONTROL.test(name))
    errors.push({
      field: 'name',
      message: 'name must not contain control characters or line breaks',
      key: 'validation.nameControl',
    });
  const email = optionalText(input.email);
  if (!email && options.emailRequired)
    errors.push({ field: 'email', message: 'email is required', key: 'validation.emailRequired' });
  else if (email && email.length > LIMITS.email)
    errors.push({
      field: 'email',
      message: `email must be at most ${LIMITS.email} characters`,
      key: 'validation.emailTooLong',
    });
  else if (email && !EMAIL.test(email))
    errors.push({ field: 'email', message: 'email is not a valid address', key: 'validation.emailInvalid' });
  const phone = optionalText(input.phone);
  if (phone && phone.length > LIMITS.phone)
    errors.push({
      field: 'phone',
      message: `phone must be at most ${LIMITS.phone} characters`,
      key: 'validation.phoneTooLong',
    });
  else if (phone && CONTROL.test(phone))
    errors.push({
      field: 'phone',
      message: 'phone must not contain control characters or line breaks',
      key: 'validation.phoneControl',
    });
  else if (phone && !PHONE.test(phone))
    errors.push({
      field: 'phone',
      message: 'phone may contain digits, spaces and + - ( ) . / only',
      key: 'validation.phoneInvalid',
    });
  const notes = optionalText(input.notes);
  if (notes && notes.length > LIMITS.notes)
    errors.push({
      field: 'notes',
      message: `notes must be at most ${LIMITS.notes} characters`,
      key: 'validation.notesTooLong',
    });
  else if (notes && NOTES_CONTROL.test(notes))
    errors.push({
      field: 'notes',
      message: 'notes must not contain control characters',
      key: 'validation.notesControl',
    });
  if (errors.length) throw new DomainError('validation', errors.map((e) => e.message).join('; '), { errors });
  return { name, email, phone, notes };
}
