// Generated from the service's GET /openapi.json by `npm run client:generate`; do not edit.
// A test fails when this file and the running service's document disagree.
export interface paths {
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An OpenAPI 3.1 document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is running */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public keys that verify access and refresh tokens (RFC 7517)
         * @description Every key whose tokens may still be valid: the one signing, one published ahead of a rotation, retired ones until their last token expires. Revoked keys are gone at once. Empty with `JWT_ALGORITHM=HS256`. Cacheable for `JWKS_MAX_AGE_SECONDS`; a new key signs only after that.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                /** @example EC */
                                kty: string;
                                /** @example P-256 */
                                crv?: string;
                                x?: string;
                                y?: string;
                                n?: string;
                                e?: string;
                                kid: string;
                                /** @example ES256 */
                                alg: string;
                                /** @enum {string} */
                                use: "sig";
                            }[];
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/phone-verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a 6-digit key by SMS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /** @description The CAPTCHA widget's token; required when CAPTCHA_PROVIDER is set */
                        captcha_token?: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `resend_cooldown`: A code was just sent. Request a new one in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "resend_cooldown" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `sms_unavailable`: The verification SMS could not be sent. Please try again later.
                 *     - `sms_spend_cap`: Verification SMS are not being sent right now. Try again in {wait} seconds.
                 *     - `sms_country_paused`: Verification SMS to numbers of this country are paused. Try again in {wait} seconds.
                 *     - `captcha_unavailable`: The CAPTCHA cannot be checked right now. Please try again later.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "sms_unavailable" | "sms_spend_cap" | "sms_country_paused" | "captcha_unavailable" | "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/phone-verify/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the key; get a one-time verification token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /**
                         * @description The 6-digit key from the SMS, as a string or a number
                         * @example 123456
                         */
                        key: string | number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 01012345678 */
                            phone_number: string;
                            is_verified: boolean;
                            /** @example 215c28eeae484eb2b86e134a4fbc66d8 */
                            token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `sms_key_not_valid`: Invalid verification key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "sms_key_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `sms_key_failures`: Too many wrong verification keys for this phone number. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "sms_key_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up with a verified phone */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email: string;
                        /** @description 8 to 128 characters, not entirely numeric, not a common password, not too similar to the email, name or nickname */
                        password: string;
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token: string;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        name?: string | null;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        nickname?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 3 */
                            id: number;
                            /** @example user@example.com */
                            email: string;
                            /** @example 김동우 */
                            name: string | null;
                            nickname: string | null;
                            /** @example 01012345678 */
                            phone_number: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `invalid_verify_token`: Invalid phone verification token. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/find-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a phone verification token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email: string;
                        /** @description 8 to 128 characters, not entirely numeric, not a common password, not too similar to the email, name or nickname */
                        password: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `invalid_find_password`: The email or the phone verification token is not valid. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_find_password";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 3 */
                            id: number;
                            /** @example user@example.com */
                            email: string;
                            /** @example 김동우 */
                            name: string | null;
                            nickname: string | null;
                            /** @example 01012345678 */
                            phone_number: string;
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Withdraw: deactivate, erase personal data, revoke every session
         * @description Prove it with exactly one of `password` or `token` (a verification token for the account phone).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token?: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change name or nickname */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        name?: string | null;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        nickname?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 3 */
                            id: number;
                            /** @example user@example.com */
                            email: string;
                            /** @example 김동우 */
                            name: string | null;
                            nickname: string | null;
                            /** @example 01012345678 */
                            phone_number: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every other session is revoked */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password policy allows at most 128 characters */
                        current_password: string;
                        /** @description 8 to 128 characters, not entirely numeric, not a common password, not too similar to the email, name or nickname */
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/phone-number": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the account to a newly verified phone; every other session is revoked
         * @description Prove it with exactly one of `password` or `current_token` (a verification token for the present phone).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token: string;
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /** @description Instead of `password`: a token from /phone-verify/confirm for the present phone */
                        current_token?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 3 */
                            id: number;
                            /** @example user@example.com */
                            email: string;
                            /** @example 김동우 */
                            name: string | null;
                            nickname: string | null;
                            /** @example 01012345678 */
                            phone_number: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the user is logged in: every live session, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /**
                             * Format: date-time
                             * @description When the login opened it
                             */
                            created_at: string;
                            /** @description When /login/refresh last gave it an access token; null if never */
                            refreshed_at: string | null;
                            /** @description The client IP it was opened from */
                            ip: string | null;
                            /** @description The User-Agent it was opened with, at most 256 characters */
                            user_agent: string | null;
                            /** @description The session of the access token asking */
                            current: boolean;
                        }[];
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of the sessions at once; ending the current one is a logout
         * @description A session that is not the user's, or not live, is 404.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The session id (a UUID); anything else is 404 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The apps the user allowed to sign them in, first-party ones included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client_id: string;
                            name: string;
                            /** @description The product's own app, which asked no consent */
                            first_party: boolean;
                            /**
                             * @example [
                             *       "openid",
                             *       "profile",
                             *       "email"
                             *     ]
                             */
                            scopes: string[];
                            /** Format: date-time */
                            granted_at: string;
                        }[];
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/apps/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take an app's permission back: its tokens stop working at once
         * @description Records `oidc.consent_revoked`. An app the user has not allowed is 404. Signing in to it again asks again.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    client_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start setting up an authenticator app (TOTP); pending until confirmed
         * @description Prove it with exactly one of `password` or `token` (a verification token for the account phone, for accounts that sign in by SMS only). A wrong password counts as a failed login. Starting again replaces a pending secret.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description The secret, base32 (160 bits), for typing into the app
                             * @example JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
                             */
                            secret: string;
                            /**
                             * @description The key URI for the QR code: `otpauth://totp/<APP_NAME>:<email>?secret=…&issuer=<APP_NAME>`
                             * @example otpauth://totp/User%20Demo:kim%40example.com?issuer=User%20Demo&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30
                             */
                            otpauth_url: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        /** Turn the second factor off with a code from the app or a recovery code */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The 6-digit code the authenticator app shows, or one of the recovery codes (`xxxx-xxxx-xxxx`)
                         * @example 123456
                         */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `mfa_locked`: Too many failed passwords or codes for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `mfa_code_failures`: Too many wrong codes. Try again in {wait} seconds, or log in the other way (with an SMS key or the password).
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_locked" | "mfa_code_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn the authenticator app on with a code from it; answers ten recovery codes, shown once
         * @description Every other session of the account ends, as with a password change.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The 6-digit code the authenticator app shows, or one of the recovery codes (`xxxx-xxxx-xxxx`)
                         * @example 123456
                         */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Each works once instead of a code from the app; only their HMACs are kept */
                            recovery_codes: string[];
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `mfa_locked`: Too many failed passwords or codes for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding a passkey: the WebAuthn creation options, after a fresh proof
         * @description Prove it with exactly one of `password` or `token` (a verification token for the account phone): an access token alone never adds a passkey. A wrong password counts as a failed login. The challenge is used once and lives 5 minutes, for this session; pass the options to `startRegistration()` of `@simplewebauthn/browser`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token?: string;
                    };
                };
            };
            responses: {
                /** @description WebAuthn creation options as JSON, for `startRegistration({ optionsJSON })` of `@simplewebauthn/browser` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rp: {
                                name: string;
                                id: string;
                            };
                            user: {
                                /** @description The account's user handle: 32 random bytes, base64url */
                                id: string;
                                name: string;
                                displayName: string;
                            };
                            challenge: string;
                            pubKeyCredParams: {
                                alg: number;
                                /** @enum {string} */
                                type: "public-key";
                            }[];
                            timeout: number;
                            /** @description The user's passkeys: an authenticator that holds one makes no second */
                            excludeCredentials: {
                                id: string;
                                /** @enum {string} */
                                type: "public-key";
                                transports?: string[];
                            }[];
                            authenticatorSelection: {
                                residentKey: string;
                                userVerification: string;
                                requireResidentKey?: boolean;
                            };
                            attestation: string;
                            extensions?: {
                                credProps?: boolean;
                            };
                            hints?: string[];
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's passkeys, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @example iPhone */
                            name: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description When it last signed in; null if never */
                            last_used_at: string | null;
                            /** @description Synced by its provider (iCloud Keychain, Google Password Manager…), as the authenticator last said */
                            backed_up: boolean;
                        }[];
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a passkey: the registration response to the options
         * @description A response that does not verify, or a challenge that is used or expired, is a 400 on `response`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The registration response as JSON, as `startRegistration()` of `@simplewebauthn/browser` answers it */
                        response: {
                            /** @description The credential id, base64url */
                            id: string;
                            /** @description The credential id, base64url */
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                attestationObject: string;
                                transports?: string[];
                                publicKeyAlgorithm?: number;
                                publicKey?: string;
                                authenticatorData?: string;
                            };
                            /** @description The client extension results, as the browser gives them */
                            clientExtensionResults?: Record<string, never>;
                            /** @description `platform` or `cross-platform` */
                            authenticatorAttachment?: string;
                        };
                        /** @description A name for it, at most 64 characters; none: "Passkey" and the date */
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @example iPhone */
                            name: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description When it last signed in; null if never */
                            last_used_at: string | null;
                            /** @description Synced by its provider (iCloud Keychain, Google Password Manager…), as the authenticator last said */
                            backed_up: boolean;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a passkey; it signs in no more */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The passkey id (a UUID); anything else is 404 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a passkey */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The passkey id (a UUID); anything else is 404 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description At most 64 characters once trimmed; not blank */
                        name: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @example iPhone */
                            name: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description When it last signed in; null if never */
                            last_used_at: string | null;
                            /** @description Synced by its provider (iCloud Keychain, Google Password Manager…), as the authenticator last said */
                            backed_up: boolean;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email or phone number, and password or SMS key
         * @description Exactly one of `email`/`phone_number` and exactly one of `password`/`key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email?: string;
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number?: string;
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description The 6-digit key from the SMS, as a string or a number
                         * @example 123456
                         */
                        key?: string | number;
                    };
                };
            };
            responses: {
                /** @description The tokens; or, for an account with a second factor, the challenge that `POST /login/mfa` answers */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            refresh_token: string;
                        } | {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `no_active_account`: No active account found with the given credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "no_active_account";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `sms_key_failures`: Too many wrong verification keys for this phone number. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "sms_key_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `login_busy`: Password login is busy. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_busy" | "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The second step of a login: a code from the authenticator app, a recovery code, or a passkey
         * @description With the `mfa_token` that `POST /login` answered, from the same client, and exactly one of `code` and `passkey` (the assertion answering its `passkey_options`). The token lives 5 minutes, is used once and dies after 5 tries; every wrong code also counts on the account's failure budget, and on the second factor's own (`MFA_MAX_FAILURES` for the first step's factor, which no login resets), and is an `mfa.failed` event.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mfa_token: string;
                        /**
                         * @description The 6-digit code the authenticator app shows, or one of the recovery codes (`xxxx-xxxx-xxxx`)
                         * @example 123456
                         */
                        code?: string;
                        /** @description The authentication response as JSON, as `startAuthentication()` of `@simplewebauthn/browser` answers it */
                        passkey?: {
                            /** @description The credential id, base64url */
                            id: string;
                            /** @description The credential id, base64url */
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @description The client extension results, as the browser gives them */
                            clientExtensionResults?: Record<string, never>;
                            /** @description `platform` or `cross-platform` */
                            authenticatorAttachment?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            refresh_token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `mfa_token_invalid`: This two-step login has expired or is not valid. Please log in again.
                 *     - `mfa_code_invalid`: The code is not valid.
                 *     - `passkey_invalid`: The passkey could not be verified. Please try again.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_token_invalid" | "mfa_code_invalid" | "passkey_invalid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `mfa_locked`: Too many failed passwords or codes for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `mfa_code_failures`: Too many wrong codes. Try again in {wait} seconds, or log in the other way (with an SMS key or the password).
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_locked" | "mfa_code_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sign-in with a passkey, no identifier typed: request options for any discoverable passkey
         * @description Pass `options` to `startAuthentication()` of `@simplewebauthn/browser`; its challenge is used once and lives 5 minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: uuid
                             * @description For `POST /login/passkey`
                             */
                            challenge_id: string;
                            /** @description WebAuthn request options as JSON, for `startAuthentication({ optionsJSON })` of `@simplewebauthn/browser` */
                            options: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a passkey: the assertion answering the options
         * @description A passkey verified with user verification is both factors: no second step follows, even for a user with an authenticator app. An unknown credential, a bad signature, a wrong origin or RP ID, no user verification or a signature counter that went backwards: 401 `passkey_invalid`; a used or expired challenge: 401 `passkey_challenge_invalid`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge_id: string;
                        /** @description The authentication response as JSON, as `startAuthentication()` of `@simplewebauthn/browser` answers it */
                        response: {
                            /** @description The credential id, base64url */
                            id: string;
                            /** @description The credential id, base64url */
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @description The client extension results, as the browser gives them */
                            clientExtensionResults?: Record<string, never>;
                            /** @description `platform` or `cross-platform` */
                            authenticatorAttachment?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            refresh_token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `passkey_invalid`: The passkey could not be verified. Please try again.
                 *     - `passkey_challenge_invalid`: This passkey sign-in has expired or was already used. Please try again.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "passkey_invalid" | "passkey_challenge_invalid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new access token for a refresh token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: string;
                            /** @description Only with REFRESH_TOKEN_ROTATION=true */
                            refresh?: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `token_not_valid`: Given token not valid for any token type. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the refresh token's session; its access tokens stop working at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh: string;
                    };
                };
            };
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `token_not_valid`: Given token not valid for any token type. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/logout/all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke every one of the user's sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login/social": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with the token a provider's SDK gave an app
         * @description At least one of `id_token` and `access_token`. A token issued to another app is refused.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description `kakao`, `naver`, `google`, `apple` or `oidc`, among SOCIAL_PROVIDERS */
                        provider: string;
                        /** @description An OpenID Connect ID token issued to one of this service's client IDs */
                        id_token?: string;
                        /** @description Kakao only (checked with its token information API) */
                        access_token?: string;
                        /** @description The nonce the app put in its request (or whose SHA-256 it put there) */
                        nonce?: string;
                        /** @description Apple only: the app's authorization code, so the service holds a token to revoke at withdrawal, as App Store guideline 5.1.1(v) requires */
                        authorization_code?: string;
                    };
                };
            };
            responses: {
                /** @description The tokens; the second step's challenge for an account with a second factor; or, for an identity no account has, what finishes the sign-up */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            refresh_token: string;
                        } | {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        } | {
                            /** @enum {boolean} */
                            signup_required: true;
                            /** @description For `POST /users/social`: single use, alive PHONE_VERIFY_TOKEN_TTL_SECONDS */
                            social_token: string;
                            /** @description What the provider said of the person, each possibly null; the email is not known to be theirs unless the provider marked it verified */
                            profile: {
                                email: string | null;
                                name: string | null;
                                nickname: string | null;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `social_provider_disabled`: This social login is not available.
                 *     - `social_token_invalid`: The social login token could not be verified.
                 *     - `social_token_unverifiable`: This token cannot be proven to be issued to this service. Use an ID token or the browser sign-in.
                 *     - `no_active_account`: No active account found with the given credentials.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_disabled" | "social_token_invalid" | "social_token_unverifiable" | "no_active_account";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `social_provider_unavailable`: The social login provider cannot be reached. Please try again later.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_unavailable" | "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/{provider}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start a social sign-in in a browser: redirects to the provider
         * @description `redirect_to` must equal one of SOCIAL_REDIRECT_URLS (or the account pages' own) exactly; `code_challenge` is the S256 challenge of a verifier the caller keeps for `POST /oauth/exchange`.
         */
        get: {
            parameters: {
                query: {
                    redirect_to: string;
                    code_challenge: string;
                    /** @description `S256`, the only one */
                    code_challenge_method?: string;
                };
                header?: never;
                path: {
                    /** @description `kakao`, `naver`, `google`, `apple` or `oidc`, among SOCIAL_PROVIDERS */
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A redirect (Location) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `social_provider_disabled`: This social login is not available. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_disabled";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `social_provider_unavailable`: The social login provider cannot be reached. Please try again later.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_unavailable" | "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider's redirect back
         * @description Redirects to the flow's `redirect_to` with `result=…` (for `POST /oauth/exchange`, once, within 60 s) or `error=…`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description `kakao`, `naver`, `google`, `apple` or `oidc`, among SOCIAL_PROVIDERS */
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A redirect (Location) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `social_provider_disabled`: This social login is not available. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_disabled";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * The provider's form post back (Apple)
         * @description Redirects to the flow's `redirect_to` with `result=…` (for `POST /oauth/exchange`, once, within 60 s) or `error=…`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description `kakao`, `naver`, `google`, `apple` or `oidc`, among SOCIAL_PROVIDERS */
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A redirect (Location) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `social_provider_disabled`: This social login is not available. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_disabled";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a browser sign-in: the callback's result and the verifier of the start's challenge
         * @description Answers as `POST /login/social`. The result works once, within 60 seconds; a wrong verifier uses it up.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        result: string;
                        code_verifier: string;
                    };
                };
            };
            responses: {
                /** @description The tokens; the second step's challenge for an account with a second factor; or, for an identity no account has, what finishes the sign-up */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            refresh_token: string;
                        } | {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        } | {
                            /** @enum {boolean} */
                            signup_required: true;
                            /** @description For `POST /users/social`: single use, alive PHONE_VERIFY_TOKEN_TTL_SECONDS */
                            social_token: string;
                            /** @description What the provider said of the person, each possibly null; the email is not known to be theirs unless the provider marked it verified */
                            profile: {
                                email: string | null;
                                name: string | null;
                                nickname: string | null;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `oauth_result_invalid`: This sign-in result has expired or is not valid. Please try again.
                 *     - `social_provider_disabled`: This social login is not available.
                 *     - `no_active_account`: No active account found with the given credentials.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "oauth_result_invalid" | "social_provider_disabled" | "no_active_account";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/social": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a social sign-up with a verified phone
         * @description A phone no account has: a new account without a password (201); `email` is required unless the provider gave a verified one no account has. A phone an account has: the identity is linked to it (200), or, with a second factor, once the second step succeeds (202).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        social_token: string;
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token: string;
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email?: string;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        name?: string | null;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        nickname?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @example 3 */
                                id: number;
                                /** @example user@example.com */
                                email: string;
                                /** @example 김동우 */
                                name: string | null;
                                nickname: string | null;
                                /** @example 01012345678 */
                                phone_number: string;
                            };
                            access_token: string;
                            refresh_token: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @example 3 */
                                id: number;
                                /** @example user@example.com */
                                email: string;
                                /** @example 김동우 */
                                name: string | null;
                                nickname: string | null;
                                /** @example 01012345678 */
                                phone_number: string;
                            };
                            access_token: string;
                            refresh_token: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `social_signup_token_invalid`: This social sign-up has expired or is not valid. Please sign in again.
                 *     - `social_provider_disabled`: This social login is not available.
                 *     - `no_active_account`: No active account found with the given credentials.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "social_signup_token_invalid" | "social_provider_disabled" | "no_active_account";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The linked social accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            provider: string;
                            /** @example kim@kakao.com */
                            email: string | null;
                            /** Format: date-time */
                            linked_at: string;
                            /** @description The last sign-in with it */
                            last_used_at: string | null;
                        }[];
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Link a social account with the token a provider's SDK gave an app
         * @description Besides the access token, a fresh proof: exactly one of `password` or `token` (a verification token for the account phone). 400 when the identity is another account's.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        provider: string;
                        /** @description An OpenID Connect ID token issued to one of this service's client IDs */
                        id_token?: string;
                        /** @description Kakao only (checked with its token information API) */
                        access_token?: string;
                        /** @description The nonce the app put in its request (or whose SHA-256 it put there) */
                        nonce?: string;
                        /** @description Apple only: the app's authorization code, so the service holds a token to revoke at withdrawal, as App Store guideline 5.1.1(v) requires */
                        authorization_code?: string;
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            provider: string;
                            /** @example kim@kakao.com */
                            email: string | null;
                            /** Format: date-time */
                            linked_at: string;
                            /** @description The last sign-in with it */
                            last_used_at: string | null;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `social_provider_disabled`: This social login is not available.
                 *     - `social_token_invalid`: The social login token could not be verified.
                 *     - `social_token_unverifiable`: This token cannot be proven to be issued to this service. Use an ID token or the browser sign-in.
                 *     - `invalid_verify_token`: Invalid phone verification token.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_disabled" | "social_token_invalid" | "social_token_unverifiable" | "invalid_verify_token" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `social_provider_unavailable`: The social login provider cannot be reached. Please try again later.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "social_provider_unavailable" | "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/identities/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a social account, here at once and at the provider after */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Whether an access or refresh token is active now (RFC 7662)
         * @description For services that need exact revocation: active while the signature and expiry hold, the session is live, the user active and the signing key not revoked; a refresh token also only while it is its session's current one (`token_type` says which kind). Asking changes nothing. Body `token=<jwt>` as `application/x-www-form-urlencoded`, or JSON `{"token": "<jwt>"}`; `token_type_hint` is not needed. Needs an API key with the `introspect` scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": {
                        token: string;
                        token_type_hint?: string;
                    };
                    "application/json": {
                        token: string;
                        token_type_hint?: string;
                    };
                };
            };
            responses: {
                /** @description Only `{"active": false}` for a token that is not active now, whatever the reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            token_type?: "access" | "refresh";
                            /** @description The user id, as a string */
                            sub?: string;
                            user_id?: number;
                            /** @description The session the token belongs to */
                            sid?: string;
                            exp?: number;
                            iat?: number;
                            iss?: string;
                            jti?: string;
                            aud?: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Accounts, newest first
         * @description `q` matches an email prefix (case-insensitively), a phone number in any accepted format, or an id.
         */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    limit?: string;
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                id: number;
                                email: string | null;
                                name: string | null;
                                nickname: string | null;
                                phone_number: string | null;
                                is_active: boolean;
                                is_admin: boolean;
                                /** Format: date-time */
                                created_at: string;
                            }[];
                            /** @description The cursor of the next page, or null */
                            next: string | null;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string | null;
                            name: string | null;
                            nickname: string | null;
                            phone_number: string | null;
                            is_active: boolean;
                            is_admin: boolean;
                            /** Format: date-time */
                            created_at: string;
                        } & {
                            last_login_at: string | null;
                            mfa_enabled: boolean;
                            live_sessions: number;
                            /** @description How many passkeys the account has */
                            passkeys: number;
                            /** @description The linked social accounts */
                            identities: {
                                provider: string;
                                /** Format: date-time */
                                linked_at: string;
                                last_used_at: string | null;
                            }[];
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Withdraw the account, as DELETE /users/me does */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change name, nickname, or whether it may log in; deactivating revokes every session at once */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        name?: string | null;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        nickname?: string | null;
                        is_active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            email: string | null;
                            name: string | null;
                            nickname: string | null;
                            phone_number: string | null;
                            is_active: boolean;
                            is_admin: boolean;
                            /** Format: date-time */
                            created_at: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke every session of the account */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Turn the account's second factor off: its authenticator app and recovery codes
         * @description For an owner who lost the app, or whom a password thief locked out by setting one up. Recorded as `mfa.disabled`; `204` whether or not there was one.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first */
        get: {
            parameters: {
                query?: {
                    user_id?: string;
                    type?: string;
                    before?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                /** Format: uuid */
                                id: string;
                                type: string;
                                /** Format: date-time */
                                occurred_at: string;
                                /** @description `user`, `admin:<api key id>`, `cli` or `system` */
                                actor: string;
                                ip: string | null;
                                user_id: number | null;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /** @description The cursor of the next page, or null */
                            next: string | null;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/oidc-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every registered app, revoked ones too, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example oc_3q2+7w… */
                            client_id: string;
                            name: string;
                            redirect_uris: string[];
                            post_logout_redirect_uris: string[];
                            /** @description No secret: the app proves itself with PKCE alone */
                            public: boolean;
                            /** @description The product's own app: no consent screen */
                            first_party: boolean;
                            /** Format: date-time */
                            created_at: string;
                            revoked_at: string | null;
                        }[];
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register an app; a confidential one's secret is in this answer only
         * @description Redirect URIs are compared exactly: https pages, loopback http addresses (native apps) or an app's own reverse-domain scheme (`com.example.app:/cb`). `public`: no secret, PKCE alone. `first_party`: no consent screen.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        redirect_uris: string[];
                        post_logout_redirect_uris?: string[];
                        public?: boolean;
                        first_party?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example oc_3q2+7w… */
                            client_id: string;
                            name: string;
                            redirect_uris: string[];
                            post_logout_redirect_uris: string[];
                            /** @description No secret: the app proves itself with PKCE alone */
                            public: boolean;
                            /** @description The product's own app: no consent screen */
                            first_party: boolean;
                            /** Format: date-time */
                            created_at: string;
                            revoked_at: string | null;
                        } & {
                            /** @description A confidential client's secret: shown this once, never again */
                            client_secret?: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/oidc-clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an app: refused from the next request on, its grants and tokens deleted */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    client_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `invalid_api_key`: Invalid API key.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "invalid_api_key";
                        };
                    };
                };
                /** @description - `permission_denied`: You do not have permission to perform this action. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied";
                        };
                    };
                };
                /** @description - `not_found`: Not found. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in for the account pages
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403. Exactly one of `email`/`phone_number` and one of `password`/`key`, as `POST /api/v1/login`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email?: string;
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number?: string;
                        /** @description The password policy allows at most 128 characters */
                        password?: string;
                        /**
                         * @description The 6-digit key from the SMS, as a string or a number
                         * @example 123456
                         */
                        key?: string | number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `no_active_account`: No active account found with the given credentials. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "no_active_account";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `account_locked`: Too many failed passwords for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `sms_key_failures`: Too many wrong verification keys for this phone number. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "account_locked" | "sms_key_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /**
                 * @description - `login_busy`: Password login is busy. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `database_unavailable`: The database is unavailable.
                 */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_busy" | "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/login/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The second factor of a login, for the account pages
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403. As `POST /api/v1/login/mfa`: a code or a passkey.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mfa_token: string;
                        /**
                         * @description The 6-digit code the authenticator app shows, or one of the recovery codes (`xxxx-xxxx-xxxx`)
                         * @example 123456
                         */
                        code?: string;
                        /** @description The authentication response as JSON, as `startAuthentication()` of `@simplewebauthn/browser` answers it */
                        passkey?: {
                            /** @description The credential id, base64url */
                            id: string;
                            /** @description The credential id, base64url */
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @description The client extension results, as the browser gives them */
                            clientExtensionResults?: Record<string, never>;
                            /** @description `platform` or `cross-platform` */
                            authenticatorAttachment?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `mfa_token_invalid`: This two-step login has expired or is not valid. Please log in again.
                 *     - `mfa_code_invalid`: The code is not valid.
                 *     - `passkey_invalid`: The passkey could not be verified. Please try again.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_token_invalid" | "mfa_code_invalid" | "passkey_invalid";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `mfa_locked`: Too many failed passwords or codes for this account. Try again in {wait} seconds, or log in with an SMS key.
                 *     - `mfa_code_failures`: Too many wrong codes. Try again in {wait} seconds, or log in the other way (with an SMS key or the password).
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "mfa_locked" | "mfa_code_failures" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/login/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sign-in with a passkey, for the account pages
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403. As `POST /api/v1/login/passkey/options`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            challenge_id: string;
                            /** @description WebAuthn request options as JSON, for `startAuthentication({ optionsJSON })` of `@simplewebauthn/browser` */
                            options: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/login/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a passkey, for the account pages
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403. As `POST /api/v1/login/passkey`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge_id: string;
                        /** @description The authentication response as JSON, as `startAuthentication()` of `@simplewebauthn/browser` answers it */
                        response: {
                            /** @description The credential id, base64url */
                            id: string;
                            /** @description The credential id, base64url */
                            rawId: string;
                            /** @enum {string} */
                            type: "public-key";
                            response: {
                                clientDataJSON: string;
                                authenticatorData: string;
                                signature: string;
                                userHandle?: string;
                            };
                            /** @description The client extension results, as the browser gives them */
                            clientExtensionResults?: Record<string, never>;
                            /** @description `platform` or `cross-platform` */
                            authenticatorAttachment?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `passkey_invalid`: The passkey could not be verified. Please try again.
                 *     - `passkey_challenge_invalid`: This passkey sign-in has expired or was already used. Please try again.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "passkey_invalid" | "passkey_challenge_invalid";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new access token for the pages' session cookie
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the pages' session and clear its cookie
         * @description For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie (`__Host-account_refresh`, which no other host can set) and only the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description No body */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/oauth/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a social sign-in, for the account pages
         * @description For the account pages: the refresh token is kept in the HttpOnly, SameSite=Strict cookie and only the access token is answered. Same-origin JSON requests only; others are 403. As `POST /api/v1/oauth/exchange`; a new identity's answer passes on as it is.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        result: string;
                        code_verifier: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        } | {
                            /** @enum {boolean} */
                            signup_required: true;
                            /** @description For `POST /users/social`: single use, alive PHONE_VERIFY_TOKEN_TTL_SECONDS */
                            social_token: string;
                            /** @description What the provider said of the person, each possibly null; the email is not known to be theirs unless the provider marked it verified */
                            profile: {
                                email: string | null;
                                name: string | null;
                                nickname: string | null;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `oauth_result_invalid`: This sign-in result has expired or is not valid. Please try again.
                 *     - `social_provider_disabled`: This social login is not available.
                 *     - `no_active_account`: No active account found with the given credentials.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "oauth_result_invalid" | "social_provider_disabled" | "no_active_account";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/api/users/social": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a social sign-up with a verified phone, for the account pages
         * @description For the account pages: the refresh token is kept in the HttpOnly, SameSite=Strict cookie and only the access token is answered. Same-origin JSON requests only; others are 403. As `POST /api/v1/users/social`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        social_token: string;
                        /**
                         * @description `010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else
                         * @example 010-1234-5678
                         */
                        phone_number: string;
                        /**
                         * @description Token from /phone-verify/confirm
                         * @example 215c28eeae484eb2b86e134a4fbc66d8
                         */
                        token: string;
                        /**
                         * @description Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters
                         * @example user@example.com
                         */
                        email?: string;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        name?: string | null;
                        /** @description At most 255 characters once trimmed; `null`, empty or blank: none (answered as `null`) */
                        nickname?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            mfa_required: true;
                            /** @description For `POST /login/mfa`, with a code or a passkey; alive 5 minutes */
                            mfa_token: string;
                            /** @description What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one */
                            methods: ("totp" | "recovery_code" | "passkey")[];
                            /** @description With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token */
                            passkey_options?: {
                                rpId: string;
                                challenge: string;
                                /** @description Empty for a discoverable sign-in; the user's passkeys for the second step */
                                allowCredentials: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "public-key";
                                    transports?: string[];
                                }[];
                                timeout: number;
                                userVerification: string;
                            };
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `invalid_verify_token`: Invalid phone verification token.
                 *     - `social_signup_token_invalid`: This social sign-up has expired or is not valid. Please sign in again.
                 *     - `social_provider_disabled`: This social login is not available.
                 *     - `no_active_account`: No active account found with the given credentials.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "invalid_verify_token" | "social_signup_token_invalid" | "social_provider_disabled" | "no_active_account";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /**
                 * @description - `login_locked`: Too many failed logins. Try again in {wait} seconds.
                 *     - `throttled`: Request was throttled. Expected available in {wait} seconds.
                 */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "login_locked" | "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/oidc/{uid}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What an app asks of the user
         * @description For the account pages: the sign-in and consent of an app that signs its users in through the service (OpenID Connect).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The interaction the provider named */
                    uid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            uid: string;
                            prompt: "login" | "consent";
                            client: {
                                client_id: string;
                                name: string;
                                first_party: boolean;
                            };
                            /** @description What the app asks for */
                            scopes: string[];
                            /** @description Of those, what the user has not allowed it yet */
                            missing_scopes: string[];
                            /** @description Who is signed in to the provider, if anyone */
                            account_id: number | null;
                            /** @description The app asks for a sign-in made now (prompt=login or max_age): "continue as" will not do */
                            fresh_login: boolean;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `interaction_expired`: This sign-in request has expired or is not known. Go back to the app and start again. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "interaction_expired";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/oidc/{uid}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the app as the user of the access token
         * @description For the account pages: the sign-in and consent of an app that signs its users in through the service (OpenID Connect). A sign-in the app asked to be fresh (prompt=login, max_age) must have been made after it asked: else 401 `reauthentication_required` and the page signs in again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The interaction the provider named */
                    uid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the browser goes next (the provider, then the app) */
                            redirect_to: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `reauthentication_required`: The app asks for a fresh sign-in. Please log in again.
                 *     - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "reauthentication_required" | "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `interaction_expired`: This sign-in request has expired or is not known. Go back to the app and start again. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "interaction_expired";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/oidc/{uid}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Allow the app what it asks for
         * @description For the account pages: the sign-in and consent of an app that signs its users in through the service (OpenID Connect). Records `oidc.consent_granted`. Only the user signed in to the provider may answer.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The interaction the provider named */
                    uid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the browser goes next (the provider, then the app) */
                            redirect_to: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /**
                 * @description - `not_authenticated`: Authentication credentials were not provided.
                 *     - `token_not_valid`: Given token not valid for any token type.
                 */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "not_authenticated" | "token_not_valid";
                        };
                    };
                };
                /**
                 * @description - `permission_denied`: You do not have permission to perform this action.
                 *     - `cross_site_request`: Requests from another site are refused.
                 */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "permission_denied" | "cross_site_request";
                        };
                    };
                };
                /** @description - `interaction_expired`: This sign-in request has expired or is not known. Go back to the app and start again. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "interaction_expired";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/oidc/{uid}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse: the app is told the user said no (access_denied)
         * @description For the account pages: the sign-in and consent of an app that signs its users in through the service (OpenID Connect).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The interaction the provider named */
                    uid: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the browser goes next (the provider, then the app) */
                            redirect_to: string;
                        };
                    };
                };
                /** @description Validation errors, one key per bad field (`non_field_errors` for the rest) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "phone_number": [
                         *         "이 필드는 필수 항목입니다."
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: string[];
                        };
                    };
                };
                /** @description - `cross_site_request`: Requests from another site are refused. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "cross_site_request";
                        };
                    };
                };
                /** @description - `interaction_expired`: This sign-in request has expired or is not known. Go back to the app and start again. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "interaction_expired";
                        };
                    };
                };
                /** @description - `payload_too_large`: Request body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
                /** @description - `unsupported_media_type`: Unsupported media type "{type}" in request. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
                /** @description - `throttled`: Request was throttled. Expected available in {wait} seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "throttled";
                        };
                    };
                };
                /** @description - `server_error`: A server error occurred. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "server_error";
                        };
                    };
                };
                /** @description - `database_unavailable`: The database is unavailable. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @enum {string} */
                            code: "database_unavailable";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
