// The renderer's one way to call the host: `api.call('framework.get', {})`, typed by the contract
// (types only: zod and the handlers stay on the host side). Failures arrive as thrown ApiErrors
// carrying the host's code and one-line message, ready to show a person.
import type { ErrorValue, Input, Method, Output } from '../../../electron/api/contract';
import { transport, type Transport } from './transport';

export type ErrorCode = ErrorValue['code'];

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: ErrorValue) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

export interface ApiClient {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}

export function createClient(getTransport: () => Transport): ApiClient {
  return {
    async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      const result = await getTransport().call(method, input);
      if (!result.ok) throw new ApiError(result.error);
      // The host validated the input against the contract and answered with that call's output.
      return result.value as Output<M>;
    },
  };
}

export const api: ApiClient = createClient(transport);
