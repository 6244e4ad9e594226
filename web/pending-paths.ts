/**
 * Endpoints the pages use that SPEC describes (*Stronger sign-in*, and re-authentication
 * for a phone change) but the service's OpenAPI document does not have yet, written in
 * openapi-typescript's shape. Once the service has them, `npm run client:generate` puts
 * them in client/src/schema.ts and this file goes.
 */
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Detail = Json<{ detail: string }>;
type Errors = { 400: Json<{ [key: string]: string[] }>; 401: Detail; 404: Detail; 429: Detail };
type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Body<T> = { content: { 'application/json': T } };
type Operation<RequestBody, Responses, Parameters = NoParameters> = {
  parameters: Parameters;
  responses: Responses & Errors;
} & ([RequestBody] extends [never] ? { requestBody?: never } : { requestBody: RequestBody });
type Methods = {
  get?: never;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};
type PathItem<M extends Partial<Record<keyof Methods, unknown>>> = Omit<Methods, keyof M> & M & { parameters: NoParameters };

export interface Session {
  id: string;
  created_at: string;
  refreshed_at: string | null;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

export interface PendingPaths {
  '/api/v1/users/me/sessions': PathItem<{ get: Operation<never, { 200: Json<Session[]> }> }>;
  '/api/v1/users/me/sessions/{id}': PathItem<{
    delete: Operation<never, { 204: Json<unknown> }, { query?: never; header?: never; path: { id: string }; cookie?: never }>;
  }>;
  '/api/v1/users/me/mfa/totp': PathItem<{
    post: Operation<Body<{ password?: string; token?: string }>, { 201: Json<{ secret: string; otpauth_url: string }> }>;
    delete: Operation<Body<{ code: string }>, { 204: Json<unknown> }>;
  }>;
  '/api/v1/users/me/mfa/totp/confirm': PathItem<{
    post: Operation<Body<{ code: string }>, { 200: Json<{ recovery_codes: string[] }> }>;
  }>;
  '/api/v1/users/me/phone-number': PathItem<{
    post: Operation<Body<{ phone_number: string; token: string; password?: string; current_token?: string }>, { 200: Json<unknown> }>;
  }>;
}
