// Live stream studio: sign in as a mock user, go live with a thumbnail, chat, superlike.
// Point it at any server of the API with ?api=http://host:port (default: the mock's default).
import { Api, ApiError, type LiveStream, type MockUser } from "./api-client.js";

const api = new Api(new URLSearchParams(location.search).get("api") ?? "http://127.0.0.1:8080");
let users: MockUser[] = [];
let stream: LiveStream | null = null;

function $<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

// Errors are shown the way the API documents them: the status and the envelope's messages.
function showError(error: unknown): void {
  const box = $("error");
  box.hidden = false;
  box.textContent =
    error instanceof ApiError
      ? `Error ${error.status}: ${error.envelope.errors.join(" · ")}`
      : `Error: ${String(error)}`;
}

function clearError(): void {
  $("error").hidden = true;
  $("error").textContent = "";
}

// Wraps a UI action: clears the last error, shows a new one, marks the page busy meanwhile.
function action(fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    clearError();
    document.body.dataset.busy = "true";
    try {
      await fn();
    } catch (e) {
      showError(e);
    } finally {
      delete document.body.dataset.busy;
    }
  };
}

async function loadUsers(): Promise<void> {
  users = await api.listMockUsers();
  const select = $<HTMLSelectElement>("user-select");
  select.replaceChildren(
    ...users.map((u) => new Option(`@${u.username} (${u.name} ${u.surname})`, u._id)),
  );
  $("user-count").textContent = `${users.length} users`;
}

async function signIn(): Promise<void> {
  const userId = $<HTMLSelectElement>("user-select").value;
  const minted = await api.mintToken({ userId, expiresInSeconds: 3600 });
  api.token = minted.token;
  const user = users.find((u) => u._id === userId);
  $("whoami").textContent = user
    ? `Signed in as @${user.username} (${user.name} ${user.surname}), ${user.credits} credits`
    : `Signed in as ${userId}`;
}

async function goLive(event: Event): Promise<void> {
  event.preventDefault();
  const form = new FormData($<HTMLFormElement>("create-form"));
  const thumbnail = form.get("thumbnail");
  stream = await api.createLiveStream({
    title: String(form.get("title") ?? ""),
    liveStreamType: "solo",
    price: String(form.get("price") || "") || undefined,
    thumbnail: thumbnail instanceof File && thumbnail.size > 0 ? thumbnail : undefined,
  });
  renderStream(stream);
  await refreshChat();
}

function renderStream(s: LiveStream): void {
  const img = document.createElement("img");
  img.id = "thumbnail";
  img.alt = `Thumbnail of ${s.title}`;
  img.src = s.thumbnailUrl;
  const title = document.createElement("h3");
  title.id = "stream-title";
  title.textContent = s.title;
  const facts = document.createElement("p");
  facts.id = "stream-facts";
  facts.textContent = `${s.status} · ${s.accessType} · channel ${s.channelName} · by @${s.creator.username}`;
  $("stream").replaceChildren(img, title, facts);
}

async function refreshChat(): Promise<void> {
  if (!stream) return;
  const page = await api.listChatMessages(stream.id);
  $("chat-history").replaceChildren(
    ...page.list.map((m) => {
      const li = document.createElement("li");
      li.textContent = `@${m.sender.username}: ${m.content}`;
      return li;
    }),
  );
  $("chat-count").textContent = `${page.pagination.totalItems} messages`;
}

async function sendChat(event: Event): Promise<void> {
  event.preventDefault();
  if (!stream) throw new Error("go live first");
  const input = $<HTMLInputElement>("chat-input");
  await api.postChatMessage(stream.id, { content: input.value });
  input.value = "";
  await refreshChat();
}

async function superlike(): Promise<void> {
  if (!stream) throw new Error("go live first");
  const sent = await api.sendSuperlike(stream.id);
  $("superlike-result").textContent =
    `Superlike from @${sent.senderSnapshot.username} for ${sent.price} credits`;
}

$("api-url").textContent = api.baseUrl;
$("sign-in").addEventListener("click", action(signIn));
$("create-form").addEventListener("submit", (e) => void action(() => goLive(e))());
$("chat-form").addEventListener("submit", (e) => void action(() => sendChat(e))());
$("superlike").addEventListener("click", action(superlike));
void action(loadUsers)().then(() => {
  document.body.dataset.ready = "true";
});
