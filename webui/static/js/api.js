// The JSON API (README "API"): one call, the session's CSRF token on every
// request, and one error type. A refusal ({"error": {"code", "message",
// "args"}}) throws ApiError with the server's Spanish message, its code, its
// arguments and the status; no connection throws ApiError with `offline`.

export class ApiError extends Error {
  constructor(message, { status = 0, offline = false, code = "", args = {} } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.offline = offline;
    this.code = code;
    this.args = args;
  }
}

// The ApiError of a refusal's body.
export function refusal(data, status) {
  const e = data && data.error;
  if (e && typeof e === "object") return new ApiError(e.message || `Error ${status}`, { status, code: e.code || "", args: e.args || {} });
  return new ApiError(e || `Error ${status}`, { status });
}

let csrf = "";
let onExpired = () => {};

// The token the login returned and what to do when the server says the
// session is over (401 on any call but the login).
export function useSession(token, expired) {
  csrf = token || "";
  if (expired) onExpired = expired;
}

export async function request(method, path, body, fetcher = globalThis.fetch) {
  let response;
  try {
    response = await fetcher(path, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("No hay conexión con el servidor: revise la red e intente de nuevo.", { offline: true });
  }
  let data = {};
  try { data = await response.json(); } catch { data = {}; }
  if (response.status === 401 && csrf && path !== "/api/login") onExpired();
  if (!response.ok) throw refusal(data, response.status);
  return { data, response };
}

export async function api(method, path, body) {
  return (await request(method, path, body)).data;
}

// A GET of a list served in pages: its rows and the whole list's length
// (X-Total-Count).
export async function apiPage(path) {
  const { data, response } = await request("GET", path);
  return { rows: data, total: Number(response.headers.get("X-Total-Count") ?? data.length) };
}

// A multipart upload with its progress (fetch cannot report it): resolves
// with the parsed answer when the server accepts it (2xx), rejects with
// ApiError otherwise.
export function upload(path, form, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (p) => { if (p.lengthComputable) onProgress(p.loaded, p.total); };
    xhr.onerror = () => reject(new ApiError("Se perdió la conexión durante la carga: intente de nuevo.", { offline: true }));
    xhr.onload = () => {
      let data = {};
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 401 && csrf) onExpired();
      if (xhr.status < 200 || xhr.status >= 300) reject(refusal(data, xhr.status));
      else resolve(data);
    };
    xhr.send(form);
  });
}

// A file the server makes by a write (an account's certificate): POSTed with
// the CSRF token and handed to the browser as a download under the server's
// name. Refusals throw ApiError as `api` does.
export async function downloadPost(path, fetcher = globalThis.fetch) {
  let response;
  try {
    response = await fetcher(path, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: "{}" });
  } catch {
    throw new ApiError("No hay conexión con el servidor: revise la red e intente de nuevo.", { offline: true });
  }
  if (!response.ok) {
    let data = {};
    try { data = await response.json(); } catch { data = {}; }
    if (response.status === 401 && csrf) onExpired();
    throw refusal(data, response.status);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "archivo";
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}
