-- The chronology is history: events are added, never changed or removed.
CREATE FUNCTION keywork_reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER chronology_events_append_only
  BEFORE UPDATE OR DELETE ON chronology_events
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
