/** Small conversions shared by the personal budgets' SQL files. */

export type Who = { id: string; name: string } | null;

/** A user from an id and a joined display name; a user since removed keeps a placeholder name. */
export function who(id: string | null, name: string | null): Who {
  return id ? { id, name: name ?? "Someone no longer in Keywork" } : null;
}

/** A `date` column as YYYY-MM-DD, whichever driver read it. */
export function isoDate(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
