import { settings } from './settings.js';

/**
 * The pages' own words. Error messages are not here: the API sends them already in the
 * language the pages ask for (Accept-Language), from the service's one catalogue.
 */
const en = {
  skipToContent: 'Skip to content',
  otherLanguage: '한국어',
  otherLanguageName: 'Korean',
  nav: 'Account',
  loading: 'Loading…',
  networkError: 'Could not reach the service. Check your connection and try again.',
  sessionEnded: 'Your session has ended. Please log in again.',
  optional: 'optional',
  save: 'Save',
  saved: 'Saved.',
  back: 'Back to your profile',

  email: 'Email',
  password: 'Password',
  name: 'Name',
  nickname: 'Nickname',
  phoneNumber: 'Phone number',
  phoneHint: 'A mobile number, such as 010-1234-5678.',
  verificationCode: 'Verification code',
  sendCode: 'Send code',
  resendCode: 'Send a new code',
  verify: 'Verify',
  codeSent: 'We sent a 6-digit code to {phone}.',
  codeExpiresIn: 'The code expires in {time}.',
  codeExpired: 'The code has expired. Send a new one.',
  resendIn: 'You can ask for a new code in {seconds} s.',
  phoneVerified: '{phone} is verified.',
  useAnotherNumber: 'Use another number',
  passwordHint: 'At least 8 characters, not only digits, and not like your email or name.',

  loginTitle: 'Log in',
  loginWith: 'How to log in',
  withPassword: 'With a password',
  withSms: 'With an SMS code',
  identifier: 'Email or phone number',
  logIn: 'Log in',
  noAccount: 'New here?',
  forgotPassword: 'Forgot your password?',
  mfaTitle: 'Two-step verification',
  mfaHint: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
  authCode: 'Authentication code',

  signupTitle: 'Sign up',
  signupPhoneStep: '1. Verify your phone',
  signupAccountStep: '2. Your account',
  signUp: 'Sign up',
  haveAccount: 'Already have an account?',

  profileTitle: 'Profile',
  profileIntro: 'Your email and phone number sign you in; your name and nickname are yours to change.',
  logOut: 'Log out',

  passwordTitle: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  changePassword: 'Change password',
  passwordChanged: 'Your password was changed. Your other sessions were logged out.',

  phoneTitle: 'Change phone number',
  currentPhone: 'Current number',
  newPhoneStep: '1. Verify the new number',
  proofStep: '2. Confirm it is you',
  changePhone: 'Change phone number',
  phoneChanged: 'Your phone number is now {phone}. Your other sessions were logged out.',

  proofLegend: 'How to confirm it is you',
  proofPassword: 'With my password',
  proofSms: 'With a code sent to {phone}',
  verifyFirst: 'First verify the code sent to your phone.',

  sessionsTitle: 'Sessions',
  sessionsIntro: 'The devices and browsers where your account is logged in.',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  loggedInAt: 'Logged in {when}',
  lastActive: 'Last active {when}',
  fromIp: 'IP address {ip}',
  endSession: 'End session',
  sessionEnded2: 'The session was ended.',
  logOutEverywhere: 'Log out everywhere',

  securityTitle: 'Two-step verification',
  securityIntro: 'With an authenticator app, a login also asks for a code that only your phone can show.',
  setUpTitle: 'Set up an authenticator app',
  setUpStart: 'Set up',
  scanQr: 'Scan this QR code with your authenticator app, or type the setup key into it. Then enter the code it shows.',
  qrAlt: 'QR code for your authenticator app',
  setupKey: 'Setup key',
  mfaOn: 'Two-step verification is on.',
  recoveryCodes: 'Recovery codes',
  recoveryHint: 'Each code works once, if you lose your phone. Keep them somewhere safe: they are shown only now.',
  done: 'Done',
  turnOffTitle: 'Turn off two-step verification',
  turnOffHint: 'Enter a code from your authenticator app or a recovery code.',
  turnOff: 'Turn off',
  mfaOff: 'Two-step verification is off.',

  deleteTitle: 'Delete account',
  deleteWarning:
    'Your account is closed, its personal data (email, phone number, name, nickname, password) is erased and every session ends. This cannot be undone.',
  deleteUnderstand: 'I understand that this cannot be undone',
  deleteTickBox: 'Tick the box to confirm.',
  deleteAccount: 'Delete account',
  deletedTitle: 'Your account was deleted',
  deletedText: 'Your personal data was erased. You can sign up again with the same email and phone number.',

  resetTitle: 'Reset password',
  resetIntro: "Verify your account's phone, then choose a new password.",
  resetPassword: 'Reset password',
  passwordReset: 'Your password was reset. Log in with the new one.',
};

type Strings = typeof en;

const ko: Strings = {
  skipToContent: '본문으로 건너뛰기',
  otherLanguage: 'English',
  otherLanguageName: '영어',
  nav: '계정',
  loading: '불러오는 중…',
  networkError: '서비스에 연결할 수 없습니다. 연결을 확인하고 다시 시도해주세요.',
  sessionEnded: '로그인이 만료되었습니다. 다시 로그인해주세요.',
  optional: '선택',
  save: '저장',
  saved: '저장되었습니다.',
  back: '프로필로 돌아가기',

  email: '이메일',
  password: '비밀번호',
  name: '이름',
  nickname: '닉네임',
  phoneNumber: '휴대전화 번호',
  phoneHint: '010-1234-5678 같은 휴대전화 번호',
  verificationCode: '인증번호',
  sendCode: '인증번호 받기',
  resendCode: '인증번호 다시 받기',
  verify: '확인',
  codeSent: '{phone}(으)로 6자리 인증번호를 보냈습니다.',
  codeExpiresIn: '인증번호는 {time} 후에 만료됩니다.',
  codeExpired: '인증번호가 만료되었습니다. 다시 받아주세요.',
  resendIn: '{seconds}초 후에 다시 받을 수 있습니다.',
  phoneVerified: '{phone} 인증이 완료되었습니다.',
  useAnotherNumber: '다른 번호 사용',
  passwordHint: '8자 이상, 숫자만으로 이루어지지 않고 이메일이나 이름과 비슷하지 않게 입력해주세요.',

  loginTitle: '로그인',
  loginWith: '로그인 방법',
  withPassword: '비밀번호로',
  withSms: '문자 인증번호로',
  identifier: '이메일 또는 휴대전화 번호',
  logIn: '로그인',
  noAccount: '처음이신가요?',
  forgotPassword: '비밀번호를 잊으셨나요?',
  mfaTitle: '2단계 인증',
  mfaHint: '인증 앱에 표시된 6자리 코드나 복구 코드 하나를 입력해주세요.',
  authCode: '인증 코드',

  signupTitle: '회원가입',
  signupPhoneStep: '1. 휴대전화 인증',
  signupAccountStep: '2. 계정 정보',
  signUp: '회원가입',
  haveAccount: '이미 계정이 있나요?',

  profileTitle: '프로필',
  profileIntro: '이메일과 휴대전화 번호로 로그인합니다. 이름과 닉네임은 언제든 바꿀 수 있습니다.',
  logOut: '로그아웃',

  passwordTitle: '비밀번호 변경',
  currentPassword: '현재 비밀번호',
  newPassword: '새 비밀번호',
  changePassword: '비밀번호 변경',
  passwordChanged: '비밀번호가 변경되었습니다. 다른 기기의 로그인은 모두 종료되었습니다.',

  phoneTitle: '휴대전화 번호 변경',
  currentPhone: '현재 번호',
  newPhoneStep: '1. 새 번호 인증',
  proofStep: '2. 본인 확인',
  changePhone: '번호 변경',
  phoneChanged: '휴대전화 번호가 {phone}(으)로 변경되었습니다. 다른 기기의 로그인은 모두 종료되었습니다.',

  proofLegend: '본인 확인 방법',
  proofPassword: '비밀번호로 확인',
  proofSms: '{phone}(으)로 받은 인증번호로 확인',
  verifyFirst: '먼저 휴대전화로 받은 인증번호를 확인해주세요.',

  sessionsTitle: '로그인 기기',
  sessionsIntro: '내 계정에 로그인되어 있는 기기와 브라우저입니다.',
  thisDevice: '현재 기기',
  unknownDevice: '알 수 없는 기기',
  loggedInAt: '로그인: {when}',
  lastActive: '최근 활동: {when}',
  fromIp: 'IP 주소 {ip}',
  endSession: '로그아웃시키기',
  sessionEnded2: '해당 기기를 로그아웃시켰습니다.',
  logOutEverywhere: '모든 기기에서 로그아웃',

  securityTitle: '2단계 인증',
  securityIntro: '인증 앱을 쓰면 로그인할 때 내 휴대폰에만 표시되는 코드를 한 번 더 입력합니다.',
  setUpTitle: '인증 앱 설정',
  setUpStart: '설정하기',
  scanQr: '인증 앱으로 QR 코드를 스캔하거나 설정 키를 직접 입력한 뒤, 앱에 표시된 코드를 입력해주세요.',
  qrAlt: '인증 앱 등록용 QR 코드',
  setupKey: '설정 키',
  mfaOn: '2단계 인증이 켜졌습니다.',
  recoveryCodes: '복구 코드',
  recoveryHint: '휴대폰을 잃어버렸을 때 각 코드를 한 번씩 쓸 수 있습니다. 지금만 표시되니 안전한 곳에 보관해주세요.',
  done: '완료',
  turnOffTitle: '2단계 인증 끄기',
  turnOffHint: '인증 앱의 코드나 복구 코드를 입력해주세요.',
  turnOff: '끄기',
  mfaOff: '2단계 인증이 꺼졌습니다.',

  deleteTitle: '회원 탈퇴',
  deleteWarning:
    '계정이 닫히고 개인정보(이메일, 휴대전화 번호, 이름, 닉네임, 비밀번호)가 지워지며 모든 기기에서 로그아웃됩니다. 되돌릴 수 없습니다.',
  deleteUnderstand: '되돌릴 수 없다는 것을 이해했습니다',
  deleteTickBox: '확인란을 선택해주세요.',
  deleteAccount: '회원 탈퇴',
  deletedTitle: '탈퇴가 완료되었습니다',
  deletedText: '개인정보가 모두 지워졌습니다. 같은 이메일과 휴대전화 번호로 다시 가입할 수 있습니다.',

  resetTitle: '비밀번호 재설정',
  resetIntro: '계정의 휴대전화 번호를 인증한 뒤 새 비밀번호를 정해주세요.',
  resetPassword: '비밀번호 재설정',
  passwordReset: '비밀번호가 재설정되었습니다. 새 비밀번호로 로그인해주세요.',
};

export type StringKey = keyof Strings;
const strings = settings.lang === 'en' ? en : ko;

/** The page's text for `key`, `{name}` filled from `params`. */
export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return strings[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const lang = settings.lang;

/** Seconds as m:ss, for the code's countdown. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const dates = new Intl.DateTimeFormat(lang === 'en' ? 'en' : 'ko', { dateStyle: 'medium', timeStyle: 'short' });
export const formatDate = (iso: string) => dates.format(new Date(iso));

/** 01012345678 as 010-1234-5678; other forms (E.164 abroad) as they are. */
export function formatPhone(phone: string): string {
  const m = /^(01\d)(\d{3,4})(\d{4})$/.exec(phone);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : phone;
}
