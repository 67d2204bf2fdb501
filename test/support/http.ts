/** A small HTTP client with a cookie jar and helpers for Keywork's forms and API. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const separator = pair?.indexOf("=") ?? -1;
      if (!pair || separator < 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string, headers?: Record<string, string>): Promise<Response> {
    return this.request("GET", path, headers ? { headers } : {});
  }

  async getJson<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const response = await this.get(path);
    return { status: response.status, body: (await response.json()) as T };
  }

  async sendJson<T = Record<string, unknown>>(method: string, path: string, json: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, { json });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Loads a page, reads its CSRF token, then posts the form with it. */
  async submitForm(pagePath: string, actionPath: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.get(pagePath);
    const token = csrfTokenIn(await page.text());
    return this.request("POST", actionPath, { form: { _csrf: token, ...fields } });
  }

  async signInBrowser(email: string, password: string): Promise<Response> {
    return this.submitForm("/sign-in", "/sign-in", { email, password });
  }

  async signInApi(email: string, password: string): Promise<void> {
    const { status, body } = await this.sendJson<{ token: string }>("POST", "/api/v1/session", { email, password });
    if (status !== 200) throw new Error(`API sign-in for ${email} answered ${status}`);
    this.bearer = body.token;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export function csrfTokenIn(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error("no CSRF token on the page");
  return match[1];
}

/** The page's visible text, roughly: tags removed and entities decoded, whitespace folded. */
export function textOf(page: string): string {
  return page
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
