import { adminEn } from './en/admin.ts';
import { commonEn } from './en/common.ts';
import { emailEn } from './en/email.ts';
import { errorsEn } from './en/errors.ts';
import { guestEn } from './en/guest.ts';
import { manageEn } from './en/manage.ts';
import { problemsEn } from './en/problems.ts';
import { staffEn } from './en/staff.ts';
import { statusEn } from './en/status.ts';
import { validationEn } from './en/validation.ts';
import { reminderEn } from './en/reminder.ts';
import { hostEn } from './en/host.ts';
import { capacityEn } from './en/capacity.ts';

/**
 * The English catalogue: the source of every key. Add a part per area (src/i18n/en/<area>.ts
 * and src/i18n/ko/<area>.ts) and spread it here and in ko.ts; keys are "<area>.<name>".
 */
export const en = {
  ...adminEn,
  ...commonEn,
  ...emailEn,
  ...errorsEn,
  ...guestEn,
  ...manageEn,
  ...problemsEn,
  ...staffEn,
  ...statusEn,
  ...validationEn,
  ...reminderEn,
  ...hostEn,
  ...capacityEn,
} as const;

export type MessageKey = keyof typeof en;
