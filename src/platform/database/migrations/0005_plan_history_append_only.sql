-- Goal progress, action revisions and register ratings are history: added, never changed or removed.
CREATE TRIGGER goal_progress_append_only
  BEFORE UPDATE OR DELETE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER plan_action_revisions_append_only
  BEFORE UPDATE OR DELETE ON plan_action_revisions
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
--> statement-breakpoint
CREATE TRIGGER register_ratings_append_only
  BEFORE UPDATE OR DELETE ON register_ratings
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
