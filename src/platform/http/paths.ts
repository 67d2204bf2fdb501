/** Every URL Keywork serves, built in one place: routes, redirects, views and tests all use these. */

const withQuery = (path: string, query: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export const paths = {
  home: () => "/",
  health: () => "/health",
  signIn: () => "/sign-in",
  welcome: () => "/welcome",
  signOut: () => "/sign-out",
  signedOut: () => "/signed-out",
  caseload: (query: { worker?: string } = {}) => withQuery("/caseload", query),
  team: () => "/team",
  people: {
    search: (query: { q?: string; page?: number } = {}) => withQuery("/people", query),
    new: () => "/people/new",
    create: () => "/people",
    show: (id: string) => `/people/${id}`,
    edit: (id: string) => `/people/${id}/edit`,
    update: (id: string) => `/people/${id}`,
    audit: (id: string, query: { before?: string } = {}) => withQuery(`/people/${id}/audit`, query),
  },
  partnership: {
    overview: () => "/partnership",
  },
  api: {
    /** Everything under this prefix is the JSON API: bearer tokens, JSON errors. */
    prefix: () => "/api/v1/",
    docs: () => "/api/docs",
    openapi: () => "/openapi.json",
    session: () => "/api/v1/session",
    me: () => "/api/v1/me",
    people: () => "/api/v1/people",
    person: (id: string) => `/api/v1/people/${id}`,
    audit: () => "/api/v1/audit",
    team: () => "/api/v1/team/caseloads",
  },
} as const;

/** Route patterns for Fastify, kept beside the builders so the two cannot drift. */
export const routes = {
  person: "/people/:id",
  personEdit: "/people/:id/edit",
  personAudit: "/people/:id/audit",
  apiPerson: "/api/v1/people/:id",
} as const;
