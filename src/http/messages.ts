/**
 * The error catalogue: every message a client can see, by stable code, in Korean (the
 * default, like the seed) and English. `{name}` placeholders are filled from params.
 * docs/errors.md is generated from it (`npm run docs:errors`).
 */

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

/**
 * Refusals answered as `{"detail": "message", "code": "…"}` with the entry's status. The code is
 * the stable name a client branches on (never translated); DRF's and SimpleJWT's own codes where
 * the seed answered the same situation.
 */
export const detailMessages = {
  // 401
  not_authenticated: { status: 401, ko: '자격 인증데이터(authentication credentials)가 제공되지 않았습니다.', en: 'Authentication credentials were not provided.' },
  token_not_valid: { status: 401, ko: '유효하지 않거나 만료된 토큰입니다.', en: 'Given token not valid for any token type.' },
  sms_key_not_valid: { status: 401, ko: '유효하지 않은 인증번호입니다.', en: 'Invalid verification key.' },
  invalid_verify_token: { status: 401, ko: '유효하지 않은 전화번호 인증 토큰입니다.', en: 'Invalid phone verification token.' },
  no_active_account: {
    status: 401,
    ko: '주어진 자격 증명으로 활성화된 계정을 찾을 수 없습니다.',
    en: 'No active account found with the given credentials.',
  },
  invalid_find_password: {
    status: 401,
    ko: '이메일 또는 전화번호 인증 토큰이 올바르지 않습니다.',
    en: 'The email or the phone verification token is not valid.',
  },
  mfa_token_invalid: {
    status: 401,
    ko: '2단계 인증 시간이 지났거나 올바르지 않습니다. 다시 로그인해주세요.',
    en: 'This two-step login has expired or is not valid. Please log in again.',
  },
  mfa_code_invalid: { status: 401, ko: '인증 코드가 올바르지 않습니다.', en: 'The code is not valid.' },
  invalid_api_key: { status: 401, ko: '유효하지 않은 API 키입니다.', en: 'Invalid API key.' },
  passkey_invalid: {
    status: 401,
    ko: '패스키를 확인할 수 없습니다. 다시 시도해주세요.',
    en: 'The passkey could not be verified. Please try again.',
  },
  passkey_challenge_invalid: {
    status: 401,
    ko: '패스키 로그인 시간이 지났거나 이미 사용되었습니다. 다시 시도해주세요.',
    en: 'This passkey sign-in has expired or was already used. Please try again.',
  },
  social_provider_disabled: { status: 401, ko: '사용할 수 없는 소셜 로그인입니다.', en: 'This social login is not available.' },
  social_token_invalid: { status: 401, ko: '소셜 로그인 토큰을 확인할 수 없습니다.', en: 'The social login token could not be verified.' },
  social_token_unverifiable: {
    status: 401,
    ko: '이 토큰은 이 서비스에 발급된 것인지 확인할 수 없습니다. ID 토큰이나 브라우저 로그인을 이용해주세요.',
    en: 'This token cannot be proven to be issued to this service. Use an ID token or the browser sign-in.',
  },
  social_signup_token_invalid: { status: 401, ko: '소셜 가입 시간이 지났거나 올바르지 않습니다. 다시 로그인해주세요.', en: 'This social sign-up has expired or is not valid. Please sign in again.' },
  oauth_result_invalid: { status: 401, ko: '로그인 결과가 만료되었거나 올바르지 않습니다. 다시 시도해주세요.', en: 'This sign-in result has expired or is not valid. Please try again.' },
  reauthentication_required: {
    status: 401,
    ko: '이 앱은 방금 한 로그인을 요구합니다. 다시 로그인해주세요.',
    en: 'The app asks for a fresh sign-in. Please log in again.',
  },

  // 403
  permission_denied: { status: 403, ko: '이 작업을 수행할 권한(permission)이 없습니다.', en: 'You do not have permission to perform this action.' },
  cross_site_request: {
    status: 403,
    ko: '다른 사이트에서 보낸 요청은 받을 수 없습니다.',
    en: 'Requests from another site are refused.',
  },

  // Other statuses
  not_found: { status: 404, ko: '찾을 수 없습니다.', en: 'Not found.' },
  interaction_expired: {
    status: 404,
    ko: '이 로그인 요청은 만료되었거나 알 수 없습니다. 앱으로 돌아가 다시 시작해주세요.',
    en: 'This sign-in request has expired or is not known. Go back to the app and start again.',
  },
  method_not_allowed: { status: 405, ko: '메소드(Method) "{method}"는 허용되지 않습니다.', en: 'Method "{method}" not allowed.' },
  precondition_failed: { status: 412, ko: '요청의 전제 조건(precondition)이 맞지 않습니다.', en: 'Precondition failed.' },
  payload_too_large: { status: 413, ko: '요청 본문이 너무 큽니다.', en: 'Request body is too large.' },
  unsupported_media_type: {
    status: 415,
    ko: '요청의 미디어 타입 "{type}"을(를) 지원하지 않습니다.',
    en: 'Unsupported media type "{type}" in request.',
  },
  range_not_satisfiable: { status: 416, ko: '요청한 범위(range)를 보낼 수 없습니다.', en: 'Requested range not satisfiable.' },
  throttled: {
    status: 429,
    ko: '요청이 너무 많습니다. {wait}초 후에 다시 시도해주세요.',
    en: 'Request was throttled. Expected available in {wait} seconds.',
  },
  resend_cooldown: {
    status: 429,
    ko: '인증번호를 방금 보냈습니다. {wait}초 후에 다시 요청해주세요.',
    en: 'A code was just sent. Request a new one in {wait} seconds.',
  },
  login_locked: {
    status: 429,
    ko: '로그인 실패가 너무 많습니다. {wait}초 후에 다시 시도해주세요.',
    en: 'Too many failed logins. Try again in {wait} seconds.',
  },
  account_locked: {
    status: 429,
    ko: '이 계정의 비밀번호 실패가 너무 많습니다. {wait}초 후에 다시 시도하거나 인증번호로 로그인해주세요.',
    en: 'Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.',
  },
  mfa_locked: {
    status: 429,
    ko: '이 계정의 로그인 실패가 너무 많습니다. {wait}초 후에 다시 시도하거나 인증번호로 로그인해주세요.',
    en: 'Too many failed passwords or codes for this account. Try again in {wait} seconds, or log in with an SMS key.',
  },
  mfa_code_failures: {
    status: 429,
    ko: '인증 코드를 너무 많이 틀렸습니다. {wait}초 후에 다시 시도하거나, 다른 방법(인증번호 또는 비밀번호)으로 로그인해주세요.',
    en: 'Too many wrong codes. Try again in {wait} seconds, or log in the other way (with an SMS key or the password).',
  },
  sms_key_failures: {
    status: 429,
    ko: '인증번호를 너무 많이 틀렸습니다. {wait}초 후에 다시 시도해주세요.',
    en: 'Too many wrong verification keys for this phone number. Try again in {wait} seconds.',
  },
  sms_unavailable: {
    status: 503,
    ko: '인증번호 문자를 보내지 못했습니다. 잠시 후 다시 시도해주세요.',
    en: 'The verification SMS could not be sent. Please try again later.',
  },
  sms_spend_cap: {
    status: 503,
    ko: '지금은 인증번호 문자를 보낼 수 없습니다. {wait}초 후에 다시 시도해주세요.',
    en: 'Verification SMS are not being sent right now. Try again in {wait} seconds.',
  },
  sms_country_paused: {
    status: 503,
    ko: '지금은 이 국가의 번호로 인증번호 문자를 보낼 수 없습니다. {wait}초 후에 다시 시도해주세요.',
    en: 'Verification SMS to numbers of this country are paused. Try again in {wait} seconds.',
  },
  login_busy: {
    status: 503,
    ko: '지금은 비밀번호 로그인이 밀려 있습니다. {wait}초 후에 다시 시도하거나 인증번호로 로그인해주세요.',
    en: 'Password login is busy. Try again in {wait} seconds, or log in with an SMS key.',
  },
  captcha_unavailable: {
    status: 503,
    ko: 'CAPTCHA를 확인할 수 없습니다. 잠시 후 다시 시도해주세요.',
    en: 'The CAPTCHA cannot be checked right now. Please try again later.',
  },
  social_provider_unavailable: { status: 503, ko: '소셜 로그인 제공자에 연결할 수 없습니다. 잠시 후 다시 시도해주세요.', en: 'The social login provider cannot be reached. Please try again later.' },
  database_unavailable: { status: 503, ko: '데이터베이스에 연결할 수 없습니다.', en: 'The database is unavailable.' },
  server_error: { status: 500, ko: '서버 오류가 발생했습니다.', en: 'A server error occurred.' },
} as const satisfies Record<string, Words & { status: number }>;

export type Lang = 'ko' | 'en';
type Words = Record<Lang, string>;
export type FieldCode = keyof typeof fieldMessages;
export type DetailCode = keyof typeof detailMessages;
export type MessageCode = FieldCode | DetailCode;
/** The detail codes answered with `status`: `throttled()` takes only a 429's. */
export type DetailCodeOf<S extends number> = { [C in DetailCode]: (typeof detailMessages)[C]['status'] extends S ? C : never }[DetailCode];
export type StatusOf<C extends DetailCode> = (typeof detailMessages)[C]['status'];

// A code names one message: none is both a field's and a refusal's (a type error if it were).
const oneMeaningEach: [Extract<FieldCode, DetailCode>] extends [never] ? true : never = true;
const messages: Record<MessageCode, Words> = { ...fieldMessages, ...detailMessages };

export const statusOf = <C extends DetailCode>(code: C): StatusOf<C> => detailMessages[code].status;
/** A param may itself be localized, like the name of a field. */
export type Params = Record<string, string | number | { ko: string; en: string }>;

export function translate(code: MessageCode, lang: Lang, params: Params = {}): string {
  return messages[code][lang].replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** Korean unless the client prefers English; the browser's q-values decide. */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ko';
  let best: Lang = 'ko';
  let bestQ = -1;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const primary = tag.split('-')[0];
    if ((primary === 'en' || primary === 'ko') && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
