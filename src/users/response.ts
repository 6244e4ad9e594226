import type { AppContext } from '../context.js';
import type { UserCore } from '../db/schema/index.js';
import { formatPhoneNumber } from '../phone/phone-number.js';

/** A user as every route answers it (the seed's UserSerializer): no flags, no hash. */
export interface UserResponse {
  id: number;
  email: string;
  /** Null when never given, as the seed answers it. */
  name: string | null;
  nickname: string | null;
  phone_number: string;
}

export function toUserResponse(ctx: AppContext, u: UserCore): UserResponse {
  return {
    id: u.id,
    email: u.email ?? '',
    name: u.name,
    nickname: u.nickname,
    phone_number: formatPhoneNumber(u.phoneNumber, ctx.config.phone),
  };
}
