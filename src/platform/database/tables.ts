// Every capability's tables, for drizzle-kit and for typed queries.
export * from "../tenancy/tables.ts";
export * from "../auth/tables.ts";
export * from "../audit/tables.ts";
export * from "../../people/tables.ts";
export * from "../../contacts/tables.ts";
export * from "../../network/tables.ts";
export * from "../../chronology/tables.ts";
export * from "../../risks/tables.ts";
export * from "../../consent/tables.ts";
export * from "../../caseload/tables.ts";
export * from "../../plans/tables.ts";
export * from "../../meetings/tables.ts";
export * from "../../register/tables.ts";
export * from "../../supervision/tables.ts";
export * from "../../notifications/tables.ts";
