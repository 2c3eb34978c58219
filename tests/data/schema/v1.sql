-- A Rekindle database as schema version 1 wrote it (plans and activities, no overrides),
-- with one plan, a one-off activity and a weekly series. Kept to test the migration ladder.
PRAGMA application_id = 1380664396;
PRAGMA user_version = 1;
CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "program_id" TEXT NOT NULL, "start" TEXT NOT NULL, "zone" TEXT NOT NULL, "partner_name" TEXT, "current_step" INTEGER NOT NULL, "created" TEXT NOT NULL);
CREATE TABLE "activity" ("uid" TEXT NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "category" TEXT NOT NULL, "step" INTEGER NOT NULL, "all_day" INTEGER NOT NULL, "zone" TEXT NOT NULL, "start_local" TEXT NOT NULL, "end_local" TEXT NOT NULL, "location" TEXT NOT NULL, "notes" TEXT NOT NULL, "rrule" TEXT, "exdates" TEXT NOT NULL, "first_utc" TEXT NOT NULL, "last_utc" TEXT, "created" TEXT NOT NULL, "modified" TEXT NOT NULL, "revision" INTEGER NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE);
CREATE INDEX "activity_plan_id" ON "activity" ("plan_id");
CREATE INDEX "activity_first_utc" ON "activity" ("first_utc");
CREATE INDEX "activity_last_utc" ON "activity" ("last_utc");
CREATE INDEX "activity_plan_id_first_utc" ON "activity" ("plan_id", "first_utc");
INSERT INTO "plan" VALUES (1, 'Eleven steps to reconnect', 'eleven-steps', '2026-11-02', 'Europe/Berlin', 'Sam', 3, '2026-11-02T08:00:00Z');
INSERT INTO "activity" VALUES ('one-off@rekindle', 1, 'Coffee at the corner café', 'meetup', 5, 0, 'Europe/Berlin', '2026-12-05T10:30:00', '2026-12-05T11:30:00', 'Corner café', 'Listen more than you talk.', NULL, '', '2026-12-05T09:30:00Z', '2026-12-05T10:30:00Z', '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z', 2);
INSERT INTO "activity" VALUES ('series@rekindle', 1, 'Evening journaling', 'reflection', 1, 0, 'Europe/Berlin', '2026-11-02T20:30:00', '2026-11-02T21:00:00', '', '', 'FREQ=WEEKLY;COUNT=8', '2026-11-09T20:30:00', '2026-11-02T19:30:00Z', '2026-12-21T20:00:00Z', '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z', 0);
