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
    story: (id: string) => `/people/${id}/story`,
    contacts: (id: string, query: { page?: number } = {}) => withQuery(`/people/${id}/contacts`, query),
    newContact: (id: string, query: { appointment?: string; type?: string } = {}) => withQuery(`/people/${id}/contacts/new`, query),
    newAppointment: (id: string) => `/people/${id}/appointments/new`,
    appointments: (id: string) => `/people/${id}/appointments`,
    chronology: (id: string, query: { kind?: string; from?: string; to?: string; page?: number; print?: 1 } = {}) => withQuery(`/people/${id}/chronology`, query),
    newSignificantEvent: (id: string) => `/people/${id}/chronology/events/new`,
    significantEvents: (id: string) => `/people/${id}/chronology/events`,
    team: (id: string) => `/people/${id}/team`,
    teamMembers: (id: string) => `/people/${id}/team/members`,
    newTeamMember: (id: string) => `/people/${id}/team/members/new`,
    endTeamMember: (id: string, userId: string) => `/people/${id}/team/members/${userId}/end`,
    changeLeadWorker: (id: string) => `/people/${id}/team/lead`,
    externalProfessionals: (id: string) => `/people/${id}/team/professionals`,
    newExternalProfessional: (id: string) => `/people/${id}/team/professionals/new`,
    familyMembers: (id: string) => `/people/${id}/team/family`,
    newFamilyMember: (id: string) => `/people/${id}/team/family/new`,
    servicesInvolved: (id: string) => `/people/${id}/team/services`,
    newServiceInvolved: (id: string) => `/people/${id}/team/services/new`,
    consents: (id: string) => `/people/${id}/consent`,
    newConsent: (id: string) => `/people/${id}/consent/new`,
    informationReceived: (id: string) => `/people/${id}/consent/information-received`,
    risks: (id: string) => `/people/${id}/risks`,
    newRisk: (id: string) => `/people/${id}/risks/new`,
    handover: (id: string) => `/people/${id}/handover`,
    close: (id: string) => `/people/${id}/close`,
    reopen: (id: string) => `/people/${id}/reopen`,
  },
  contacts: {
    edit: (contactId: string) => `/contacts/${contactId}/edit`,
    update: (contactId: string) => `/contacts/${contactId}`,
  },
  appointments: {
    edit: (appointmentId: string) => `/appointments/${appointmentId}/edit`,
    update: (appointmentId: string) => `/appointments/${appointmentId}`,
  },
  diary: (query: { weeks?: number } = {}) => withQuery("/diary", query),
  calendarFeed: () => "/diary/calendar",
  calendarFile: (token: string) => `/calendar/${token}.ics`,
  consents: {
    edit: (consentId: string) => `/consents/${consentId}/edit`,
    update: (consentId: string) => `/consents/${consentId}`,
    withdraw: (consentId: string) => `/consents/${consentId}/withdraw`,
    review: (consentId: string) => `/consents/${consentId}/review`,
  },
  risks: {
    edit: (riskId: string) => `/risks/${riskId}/edit`,
    update: (riskId: string) => `/risks/${riskId}`,
  },
  significantEvents: {
    edit: (eventId: string) => `/significant-events/${eventId}/edit`,
    update: (eventId: string) => `/significant-events/${eventId}`,
  },
  cover: {
    list: () => "/team/cover",
    new: () => "/team/cover/new",
    cancel: (coverId: string, query: { version?: number } = {}) => withQuery(`/team/cover/${coverId}/cancel`, query),
  },
  externalProfessionals: {
    edit: (professionalId: string) => `/external-professionals/${professionalId}/edit`,
    update: (professionalId: string) => `/external-professionals/${professionalId}`,
    end: (professionalId: string) => `/external-professionals/${professionalId}/end`,
  },
  familyMembers: {
    edit: (familyMemberId: string) => `/family-members/${familyMemberId}/edit`,
    update: (familyMemberId: string) => `/family-members/${familyMemberId}`,
    end: (familyMemberId: string) => `/family-members/${familyMemberId}/end`,
  },
  servicesInvolved: {
    edit: (serviceInvolvedId: string) => `/services-involved/${serviceInvolvedId}/edit`,
    update: (serviceInvolvedId: string) => `/services-involved/${serviceInvolvedId}`,
    end: (serviceInvolvedId: string) => `/services-involved/${serviceInvolvedId}/end`,
  },
  directory: {
    list: (query: { q?: string } = {}) => withQuery("/directory", query),
    newService: () => "/directory/services/new",
    createService: () => "/directory/services",
    newOrganisation: () => "/directory/organisations/new",
    createOrganisation: () => "/directory/organisations",
    editOrganisation: (organisationId: string) => `/directory/organisations/${organisationId}/edit`,
    updateOrganisation: (organisationId: string) => `/directory/organisations/${organisationId}`,
    editService: (serviceId: string) => `/directory/services/${serviceId}/edit`,
    updateService: (serviceId: string) => `/directory/services/${serviceId}`,
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
    personContacts: (id: string) => `/api/v1/people/${id}/contacts`,
    personChronology: (id: string) => `/api/v1/people/${id}/chronology`,
    personTeam: (id: string) => `/api/v1/people/${id}/team`,
    personConsents: (id: string) => `/api/v1/people/${id}/consents`,
    personRisks: (id: string) => `/api/v1/people/${id}/risks`,
    risk: (riskId: string) => `/api/v1/risks/${riskId}`,
    personAppointments: (id: string) => `/api/v1/people/${id}/appointments`,
    contact: (contactId: string) => `/api/v1/contacts/${contactId}`,
    consent: (consentId: string) => `/api/v1/consents/${consentId}`,
    services: () => "/api/v1/services",
  },
} as const;

/** Route patterns for Fastify, kept beside the builders so the two cannot drift. */
export const routes = {
  personSection: (section: string) => `/people/:id/${section}`,
  person: "/people/:id",
  personEdit: "/people/:id/edit",
  personAudit: "/people/:id/audit",
  apiPerson: "/api/v1/people/:id",
} as const;
