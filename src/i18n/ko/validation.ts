import type { Translation } from '../catalogue-types.ts';
import type { validationEn } from '../en/validation.ts';

export const validationKo: Translation<typeof validationEn> = {
  'validation.nameRequired': '이름을 입력해 주세요',
  'validation.nameTooLong': '이름은 100자 이하여야 합니다',
  'validation.nameControl': '이름에는 제어 문자나 줄바꿈을 쓸 수 없습니다',
  'validation.emailRequired': '이메일을 입력해 주세요',
  'validation.emailTooLong': '이메일은 254자 이하여야 합니다',
  'validation.emailInvalid': '올바른 이메일 주소가 아닙니다',
  'validation.phoneTooLong': '전화번호는 32자 이하여야 합니다',
  'validation.phoneControl': '전화번호에는 제어 문자나 줄바꿈을 쓸 수 없습니다',
  'validation.phoneInvalid': '전화번호에는 숫자, 공백, + - ( ) . / 만 쓸 수 있습니다',
  'validation.notesTooLong': '요청 사항은 1000자 이하여야 합니다',
  'validation.notesControl': '요청 사항에는 제어 문자를 쓸 수 없습니다',
  'validation.dateFormat': '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다',
  'validation.timeFormat': '시간은 HH:MM(00:00–23:59) 형식이어야 합니다',
  'validation.partyWhole': '인원은 1 이상의 정수여야 합니다',
  'validation.partyTooLarge': '인원은 {max}명까지입니다. 더 큰 단체는 레스토랑에 전화해 주세요',
  'validation.datePast': '지난 날짜입니다',
  'validation.dateBeyond': '예약은 최대 {days}일 앞까지 가능합니다',
  'validation.dateClosed': '그날은 레스토랑 휴무일입니다',
  'validation.runsPastClosing': '{party}명은 {time}에 시작할 수 없습니다. 식사가 영업 종료 시간을 넘깁니다',
  'validation.offGrid':
    '{time}은(는) {date}에 예약할 수 없는 시간입니다. 예약 시간은 영업시간 안에서 {minutes}분 간격입니다',
  'validation.walkInPast': '이미 지난 시간입니다. 방문 예약은 최대 {minutes}분 전까지만 시작할 수 있습니다',
  'validation.timePassed': '이미 지난 시간입니다',
  'validation.notice': '예약은 최소 {minutes}분 전에 해야 합니다',
};
