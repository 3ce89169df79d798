import type { Translation } from './catalogue-types.ts';
import type { en } from './en.ts';
import { adminKo } from './ko/admin.ts';
import { commonKo } from './ko/common.ts';
import { emailKo } from './ko/email.ts';
import { errorsKo } from './ko/errors.ts';
import { guestKo } from './ko/guest.ts';
import { manageKo } from './ko/manage.ts';
import { problemsKo } from './ko/problems.ts';
import { staffKo } from './ko/staff.ts';
import { statusKo } from './ko/status.ts';
import { validationKo } from './ko/validation.ts';
import { reminderKo } from './ko/reminder.ts';
import { hostKo } from './ko/host.ts';
import { capacityKo } from './ko/capacity.ts';

/** The Korean catalogue: tsc fails here when a key of en.ts has no Korean text. */
export const ko: Translation<typeof en> = {
  ...adminKo,
  ...commonKo,
  ...emailKo,
  ...errorsKo,
  ...guestKo,
  ...manageKo,
  ...problemsKo,
  ...staffKo,
  ...statusKo,
  ...validationKo,
  ...reminderKo,
  ...hostKo,
  ...capacityKo,
};
