import type { Words } from './words.js';

/** Problems of one field, answered in DRF's 400 shape `{"field": ["message"]}`: the code names the message, never sent. */
export const fieldMessages = {
  required: { ko: '이 필드는 필수 항목입니다.', en: 'This field is required.' },
  not_null: { ko: '이 필드는 null일 수 없습니다.', en: 'This field may not be null.' },
  blank: { ko: '이 필드는 blank일 수 없습니다.', en: 'This field may not be blank.' },
  not_a_string: { ko: '올바른 문자열이 아닙니다.', en: 'Not a valid string.' },
  invalid_key: { ko: '유효한 정수(integer)를 넣어주세요.', en: 'A valid integer is required.' },
  invalid_type: { ko: '올바른 형식이 아닙니다.', en: 'Invalid type.' },
  max_length: {
    ko: '이 필드의 글자 수가 {limit} 이하인지 확인하십시오.',
    en: 'Ensure this field has no more than {limit} characters.',
  },
  invalid_email: { ko: '유효한 이메일 주소를 입력하십시오.', en: 'Enter a valid email address.' },
  email_invisible_characters: {
    ko: '이메일 주소에는 보이지 않는 문자나 제어 문자를 쓸 수 없습니다.',
    en: 'An email address may not contain invisible or control characters.',
  },
  email_compatibility_characters: {
    ko: '이메일 주소는 전각 문자 같은 호환용 문자가 아닌 일반 문자로 입력해주세요.',
    en: 'Enter the email address in ordinary characters, not full-width or other compatibility forms.',
  },
  invalid_cursor: { ko: '올바른 페이지 커서가 아닙니다.', en: 'Not a valid page cursor.' },
  invalid_limit: { ko: '1에서 100 사이의 정수여야 합니다.', en: 'Must be a whole number from 1 to 100.' },
  invalid_user_id: { ko: '올바른 사용자 ID가 아닙니다.', en: 'Not a valid user id.' },
  unknown_event_type: { ko: '알 수 없는 이벤트 종류입니다.', en: 'Not a known event type.' },
  control_characters: { ko: '이 필드에는 제어 문자를 쓸 수 없습니다.', en: 'This field may not contain control characters.' },
  invalid_phone: { ko: '올바른 휴대전화 번호가 아닙니다.', en: 'Enter a valid mobile phone number.' },
  phone_region_not_allowed: {
    ko: '이 지역의 휴대전화 번호는 사용할 수 없습니다.',
    en: 'Mobile numbers of this region are not accepted.',
  },
  invalid_body: { ko: '요청 본문은 JSON 객체여야 합니다.', en: 'The request body must be a JSON object.' },
  malformed_json: { ko: 'JSON 형식이 올바르지 않습니다.', en: 'JSON parse error.' },
  login_identifier: {
    ko: '이메일 또는 전화번호 중 하나만 입력해주세요.',
    en: 'Provide exactly one of email or phone_number.',
  },
  login_secret: { ko: '비밀번호 또는 인증번호 중 하나만 입력해주세요.', en: 'Provide exactly one of password or key.' },
  withdraw_proof: {
    ko: '비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.',
    en: 'Provide exactly one of password or token.',
  },
  phone_change_proof: {
    ko: '비밀번호 또는 현재 전화번호의 인증 토큰(current_token) 중 하나만 입력해주세요.',
    en: 'Provide exactly one of password or current_token (a verification token for the present phone).',
  },
  mfa_proof: {
    ko: '비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.',
    en: 'Provide exactly one of password or token.',
  },
  mfa_already_enabled: {
    ko: '2단계 인증이 이미 켜져 있습니다. 다시 설정하려면 먼저 꺼주세요.',
    en: 'Two-step verification is already on. Turn it off first to set it up again.',
  },
  mfa_not_pending: {
    ko: '먼저 2단계 인증 설정을 시작해주세요.',
    en: 'Start setting up two-step verification first.',
  },
  mfa_not_enabled: { ko: '2단계 인증이 켜져 있지 않습니다.', en: 'Two-step verification is not on.' },
  email_taken: { ko: '이미 사용 중인 이메일입니다.', en: 'A user with this email already exists.' },
  phone_taken: { ko: '이미 사용 중인 전화번호입니다.', en: 'A user with this phone number already exists.' },
  password_too_short: {
    ko: '비밀번호가 너무 짧습니다. 최소 {min} 문자를 포함해야 합니다.',
    en: 'This password is too short. It must contain at least {min} characters.',
  },
  password_too_long: {
    ko: '비밀번호가 너무 깁니다. 최대 {max} 문자까지 가능합니다.',
    en: 'This password is too long. It must contain at most {max} characters.',
  },
  password_entirely_numeric: { ko: '비밀번호가 전부 숫자로 되어 있습니다.', en: 'This password is entirely numeric.' },
  password_too_common: { ko: '비밀번호가 너무 일상적인 단어입니다.', en: 'This password is too common.' },
  password_too_similar: {
    ko: '비밀번호가 {attribute}와(과) 너무 유사합니다.',
    en: 'The password is too similar to the {attribute}.',
  },
  wrong_password: { ko: '비밀번호가 올바르지 않습니다.', en: 'The password is not correct.' },
  captcha_required: { ko: 'CAPTCHA를 완료해주세요.', en: 'Complete the CAPTCHA.' },
  captcha_invalid: {
    ko: 'CAPTCHA 확인에 실패했습니다. 다시 시도해주세요.',
    en: 'The CAPTCHA was not passed. Please try again.',
  },
  wrong_code: { ko: '인증 코드가 올바르지 않습니다.', en: 'The code is not valid.' },
  second_factor_one: {
    ko: '인증 코드 또는 패스키 중 하나만 입력해주세요.',
    en: 'Provide exactly one of code or passkey.',
  },
  passkey_proof: {
    ko: '비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.',
    en: 'Provide exactly one of password or token.',
  },
  passkey_not_verified: {
    ko: '패스키를 확인할 수 없습니다. 다시 시도해주세요.',
    en: 'The passkey could not be verified. Please try again.',
  },
  passkey_registration_expired: {
    ko: '패스키 등록 시간이 지났거나 이미 사용되었습니다. 처음부터 다시 시도해주세요.',
    en: 'This passkey registration has expired or was already used. Please start again.',
  },
  passkey_taken: { ko: '이미 등록된 패스키입니다.', en: 'This passkey is already registered.' },
  social_token_required: { ko: 'id_token 또는 access_token을 보내주세요.', en: 'Send an id_token or an access_token.' },
  authorization_code_apple_only: { ko: 'authorization_code는 Apple 로그인에만 보낼 수 있습니다.', en: 'Only Apple takes an authorization_code.' },
  link_proof: { ko: '비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.', en: 'Provide exactly one of password or token.' },
  identity_taken: { ko: '이 소셜 계정은 이미 다른 계정에 연결되어 있습니다.', en: 'This social account is already linked to another account.' },
  provider_already_linked: {
    ko: '이 계정에는 같은 서비스의 다른 소셜 계정이 이미 연결되어 있습니다. 먼저 연결을 해제해주세요.',
    en: 'Another account of this provider is already linked to this account. Unlink it first.',
  },
  redirect_not_allowed: { ko: '허용된 redirect_to 주소가 아닙니다.', en: 'This redirect_to is not one of the allowed addresses.' },
  invalid_code_challenge: { ko: 'code_challenge는 S256 방식의 값(base64url 43자)이어야 합니다.', en: 'code_challenge must be an S256 challenge: 43 base64url characters.' },
  invalid_code_verifier: { ko: 'code_verifier는 43~128자의 영문, 숫자, -._~ 문자여야 합니다.', en: 'code_verifier must be 43 to 128 letters, digits or -._~ characters.' },
  oauth_state_invalid: { ko: '로그인 요청이 만료되었거나 올바르지 않습니다. 처음부터 다시 시도해주세요.', en: 'This sign-in request has expired or is not valid. Please start again.' },
  oidc_client_field: { ko: '받을 수 없는 값입니다: {reason}', en: 'Not accepted: {reason}' },
} as const satisfies Record<string, Words>;
