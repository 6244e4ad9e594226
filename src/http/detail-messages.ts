import type { Words } from './words.js';

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
