import type { Translation } from '../catalogue-types.ts';
import type { errorsEn } from '../en/errors.ts';

export const errorsKo: Translation<typeof errorsEn> = {
  'errorPage.heading.401': '링크가 완전하지 않습니다',
  'errorPage.heading.403': '이 페이지를 열 수 없습니다',
  'errorPage.heading.404': '페이지를 찾을 수 없습니다',
  'errorPage.heading.409': '처리되지 않았습니다',
  'errorPage.heading.422': '요청에 올바르지 않은 부분이 있습니다',
  'errorPage.heading.429': '시도가 너무 많습니다',
  'errorPage.heading.503': '잠시 후 다시 이용해 주세요',
  'errorPage.advice.403': '계정에 이 페이지에 필요한 역할이 없습니다. 필요하다면 레스토랑 매니저에게 문의하세요.',
  'errorPage.advice.404': '링크가 잘못 입력되었거나 오래되었을 수 있습니다.',
  'errorPage.advice.429': '잠시 기다린 뒤 다시 시도해 주세요.',
  'errorPage.advice.500': '잠시 후 다시 시도해 주세요.',
  'errorPage.footer': '오류 {status} · 요청 {requestId}',
};
