// A tiny fetch wrapper for the live-stream API. Every type comes from src/api.d.ts, which
// `npm run gen-types` generates from schemas/openapi.yaml (the product API), or, for the mock's
// own routes, from src/mock-control.d.ts (schemas/mock-control.yaml): change the spec, and this
// file (or the app) stops compiling where it no longer fits.
import type { components, operations } from "./api";
import type { components as mockComponents, operations as mockOperations } from "./mock-control";

export type Schemas = components["schemas"];
export type MockUser = mockComponents["schemas"]["MockUser"];
export type LiveStream = Schemas["LiveStream"];
export type ChatMessage = Schemas["ChatMessage"];
export type ChatMessagePage = Schemas["ChatMessagePage"];
export type Superlike = Schemas["Superlike"];
export type MintedToken = mockComponents["schemas"]["MintedToken"];
export type ErrorEnvelope = Schemas["ErrorEnvelope"];
export type CreateLiveStreamForm =
  operations["createLiveStream"]["requestBody"]["content"]["multipart/form-data"];
export type ChatMessageInput =
  operations["postChatMessage"]["requestBody"]["content"]["application/json"];
export type MintTokenInput =
  mockOperations["mockMintToken"]["requestBody"]["content"]["application/json"];

/** A response in the documented error envelope, as an exception the UI can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope,
  ) {
    super(`${status}: ${envelope.errors.join("; ")}`);
  }
}

export class Api {
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: BodyInit, json = false): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers["Authorization"] = `Bearer ${this.token}`;
    if (json) headers["Content-Type"] = "application/json";
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const envelope = await response.json();
    if (!response.ok || envelope.isSuccess !== true) {
      throw new ApiError(response.status, envelope as ErrorEnvelope);
    }
    return envelope.data as T;
  }

  // The mock's own routes (never on a real server): its users, and a token for one of them.
  listMockUsers(): Promise<MockUser[]> {
    return this.call("GET", "/__mock/users");
  }
  mintToken(input: MintTokenInput): Promise<MintedToken> {
    return this.call("POST", "/__mock/tokens", JSON.stringify(input), true);
  }

  // The product API.
  createLiveStream(fields: { [K in keyof CreateLiveStreamForm]?: string | Blob }): Promise<LiveStream> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined) form.append(name, value);
    }
    return this.call("POST", "/api/v1/live-stream/create", form);
  }
  postChatMessage(streamId: string, input: ChatMessageInput): Promise<ChatMessage> {
    return this.call("POST", `/api/v1/live-stream/${streamId}/chat/messages`, JSON.stringify(input), true);
  }
  listChatMessages(streamId: string, limit = 20): Promise<ChatMessagePage> {
    return this.call("GET", `/api/v1/live-stream/${streamId}/chat/messages?limit=${limit}`);
  }
  sendSuperlike(streamId: string): Promise<Superlike> {
    return this.call("POST", `/api/v1/live-stream/${streamId}/chat/superlike`);
  }
}
