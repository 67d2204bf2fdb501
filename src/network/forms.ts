import type { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues } from "../platform/http/validation.ts";
import { dateValues, type FormValues } from "./form-parts.ts";
import { familySchema, professionalSchema, serviceInvolvedSchema, type FamilyInput, type ProfessionalInput, type ServiceInvolvedInput } from "./schema.ts";
import type { FamilyRow, ProfessionalRow, ServiceInvolvedRow } from "./service.ts";

/** Reading the team's forms into validated input, and stored rows back into form values. */

export type FormResult<Input> = { input: Input } | { issues: FieldIssue[] };

function readDate(values: FormValues, field: string, label: string, issues: FieldIssue[]): string | null {
  const date = dateFromParts(label, { day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] });
  if ("error" in date) {
    issues.push({ field, message: date.error });
    return null;
  }
  return date.value;
}

function parse<Schema extends z.ZodType>(schema: Schema, data: Record<string, unknown>, issues: FieldIssue[], order: string[]): FormResult<z.output<Schema>> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) {
      if (!issues.some((existing) => existing.field === issue.field)) issues.push(issue);
    }
  }
  issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  if (issues.length > 0 || !parsed.success) return { issues };
  return { input: parsed.data };
}

/** The version a form says it was based on, or an issue asking the user to reload. */
export function versionFrom(values: FormValues): number | null {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? version : null;
}

export const RELOAD: FieldIssue = { field: "form", message: "Reload the page and make your changes again" };

const PROFESSIONAL_ORDER = ["form", "name", "role", "organisationId", "organisationName", "phone", "email", "startedOn"];

export function professionalFromForm(values: FormValues): FormResult<ProfessionalInput> {
  const issues: FieldIssue[] = [];
  const startedOn = readDate(values, "startedOn", "The date they became involved", issues);
  return parse(
    professionalSchema,
    {
      name: values.name ?? "",
      role: values.role ?? "",
      organisationId: values.organisationId,
      organisationName: values.organisationName,
      phone: values.phone,
      email: values.email,
      startedOn,
    },
    issues,
    PROFESSIONAL_ORDER,
  );
}

export function professionalValues(row: ProfessionalRow): FormValues {
  return {
    name: row.name,
    role: row.role,
    organisationId: row.organisationId ?? "",
    organisationName: row.organisationId ? "" : row.organisationName,
    phone: row.phone ?? "",
    email: row.email ?? "",
    ...dateValues("startedOn", row.startedOn),
    version: String(row.version),
  };
}

const FAMILY_ORDER = ["form", "name", "relationship", "isCarer", "phone", "email", "contactPreferences", "ownNeeds", "accountEmail"];

export function familyFromForm(values: FormValues): FormResult<FamilyInput> {
  return parse(
    familySchema,
    {
      name: values.name ?? "",
      relationship: values.relationship ?? "",
      isCarer: values.isCarer === "yes",
      phone: values.phone,
      email: values.email,
      contactPreferences: values.contactPreferences,
      ownNeeds: values.ownNeeds,
      accountEmail: values.accountEmail,
    },
    [],
    FAMILY_ORDER,
  );
}

export function familyValues(row: FamilyRow, accountEmail: string | null): FormValues {
  return {
    name: row.name,
    relationship: row.relationship,
    isCarer: row.isCarer ? "yes" : "no",
    phone: row.phone ?? "",
    email: row.email ?? "",
    contactPreferences: row.contactPreferences ?? "",
    ownNeeds: row.ownNeeds ?? "",
    accountEmail: accountEmail ?? "",
    version: String(row.version),
  };
}

const SERVICE_ORDER = ["form", "serviceId", "organisationName", "serviceName", "startedOn", "endedOn", "note"];

export function serviceInvolvedFromForm(values: FormValues): FormResult<ServiceInvolvedInput> {
  const issues: FieldIssue[] = [];
  const startedOn = readDate(values, "startedOn", "The date they started", issues);
  const endedOn = readDate(values, "endedOn", "The date it ended", issues);
  return parse(
    serviceInvolvedSchema,
    { serviceId: values.serviceId, organisationName: values.organisationName, serviceName: values.serviceName, startedOn, endedOn, note: values.note },
    issues,
    SERVICE_ORDER,
  );
}

export function serviceInvolvedValues(row: ServiceInvolvedRow): FormValues {
  return {
    serviceId: row.serviceId ?? "",
    organisationName: row.serviceId ? "" : row.organisationName,
    serviceName: row.serviceId ? "" : (row.serviceName ?? ""),
    ...dateValues("startedOn", row.startedOn),
    ...dateValues("endedOn", row.endedOn),
    note: row.note ?? "",
    version: String(row.version),
  };
}

/** For a conflict: each labelled field where what is stored differs from what the user sent. */
export function differences(labels: Record<string, string>, stored: FormValues, mine: FormValues): Array<{ label: string; stored: string }> {
  return Object.entries(labels)
    .filter(([field]) => (stored[field] ?? "") !== (mine[field] ?? ""))
    .map(([field, label]) => ({ label, stored: stored[field] ?? "" }));
}

export const PROFESSIONAL_LABELS = { name: "Name", role: "Role", organisationName: "Organisation", phone: "Phone", email: "Email" };
export const FAMILY_LABELS = { name: "Name", relationship: "Relationship", isCarer: "Carer", phone: "Phone", email: "Email", contactPreferences: "Contact preferences", ownNeeds: "Their own needs" };
export const SERVICE_LABELS = { organisationName: "Organisation", serviceName: "Service", note: "Note" };
