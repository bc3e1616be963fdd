import Foundation
import GRDB

/// The database schema, as a list of migrations.
///
/// Migrations use string table names and never depend on app types, and a migration
/// is never edited once shipped: a change is a new migration appended to the list.
enum Schema {
    /// `PRAGMA application_id` of a Comity database: "Comi".
    static let applicationID: Int32 = 0x436F_6D69

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-spine") { db in
            try db.execute(sql: """
                CREATE TABLE party (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 2 AND code = upper(code)),
                    name TEXT NOT NULL,
                    formal_name TEXT NOT NULL
                );
                CREATE TABLE authority (
                    id TEXT PRIMARY KEY NOT NULL,
                    party TEXT NOT NULL REFERENCES party(code),
                    name TEXT NOT NULL,
                    role TEXT NOT NULL
                );
                CREATE INDEX authority_party ON authority(party);
                CREATE TABLE legal_basis (
                    id TEXT PRIMARY KEY NOT NULL,
                    instrument TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    response_days INTEGER CHECK (response_days IS NULL OR response_days > 0),
                    response_unit TEXT CHECK (response_unit IN ('calendar', 'working')),
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE basis_party (
                    basis_id TEXT NOT NULL REFERENCES legal_basis(id),
                    party TEXT NOT NULL REFERENCES party(code),
                    from_date TEXT NOT NULL,
                    PRIMARY KEY (basis_id, party)
                );
                CREATE TABLE case_file (
                    id TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL,
                    lead_authority TEXT NOT NULL REFERENCES authority(id),
                    offence TEXT NOT NULL,
                    incident_date TEXT NOT NULL,
                    discovery_date TEXT NOT NULL,
                    limitation_date TEXT,
                    classification TEXT NOT NULL,
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE request (
                    reference TEXT PRIMARY KEY NOT NULL,
                    case_id TEXT NOT NULL REFERENCES case_file(id),
                    from_authority TEXT NOT NULL REFERENCES authority(id),
                    to_authority TEXT NOT NULL REFERENCES authority(id),
                    channel TEXT NOT NULL,
                    basis_id TEXT REFERENCES legal_basis(id),
                    subject TEXT NOT NULL,
                    items TEXT NOT NULL,
                    urgency TEXT NOT NULL,
                    classification TEXT NOT NULL,
                    sent_date TEXT,
                    counterpart_reference TEXT,
                    state TEXT NOT NULL,
                    preserved_until TEXT,
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX request_case ON request(case_id);
                CREATE INDEX request_to ON request(to_authority);
                CREATE INDEX request_state ON request(state);
                CREATE TABLE reply (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_ref TEXT NOT NULL REFERENCES request(reference),
                    date TEXT NOT NULL,
                    from_authority TEXT REFERENCES authority(id),
                    kind TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    promised_date TEXT,
                    refusal_grounds TEXT NOT NULL,
                    classification TEXT NOT NULL
                );
                CREATE INDEX reply_request ON reply(request_ref, date);
                CREATE TABLE engagement (
                    id TEXT PRIMARY KEY NOT NULL,
                    counterpart TEXT NOT NULL REFERENCES party(code),
                    start_date TEXT NOT NULL,
                    end_date TEXT NOT NULL CHECK (end_date >= start_date),
                    level TEXT NOT NULL,
                    title TEXT NOT NULL,
                    place TEXT NOT NULL DEFAULT '',
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX engagement_counterpart ON engagement(counterpart, start_date);
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    subject_type TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    date TEXT NOT NULL,
                    recorded_on TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT,
                    reply_id INTEGER REFERENCES reply(id),
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX event_subject ON event(subject_id, id);
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the history is append-only: events cannot be changed'); END;
                CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the history is append-only: events cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v2-clocks") { db in
            try db.execute(sql: """
                CREATE TABLE setting (
                    channel TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (channel, key)
                );
                CREATE TABLE holiday (
                    party TEXT NOT NULL REFERENCES party(code),
                    date TEXT NOT NULL,
                    name TEXT NOT NULL,
                    working_day INTEGER NOT NULL DEFAULT 0 CHECK (working_day IN (0, 1)),
                    PRIMARY KEY (party, date)
                );
                CREATE TABLE follow_up (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_ref TEXT NOT NULL REFERENCES request(reference),
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    reference TEXT NOT NULL DEFAULT '',
                    restarts_clock INTEGER NOT NULL DEFAULT 0 CHECK (restarts_clock IN (0, 1)),
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX follow_up_request ON follow_up(request_ref, date);
                """)
        }
        migrator.registerMigration("v3-letters") { db in
            try db.execute(sql: """
                ALTER TABLE party ADD COLUMN name_ja TEXT;
                ALTER TABLE authority ADD COLUMN name_ja TEXT;
                ALTER TABLE authority ADD COLUMN city TEXT;
                ALTER TABLE authority ADD COLUMN posted_to TEXT REFERENCES party(code);
                ALTER TABLE legal_basis ADD COLUMN instrument_ja TEXT;
                ALTER TABLE request ADD COLUMN subject_ja TEXT;
                CREATE TABLE letter (
                    number TEXT PRIMARY KEY NOT NULL,
                    sender TEXT NOT NULL REFERENCES authority(id),
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence > 0),
                    request_ref TEXT NOT NULL REFERENCES request(reference),
                    follow_up_id INTEGER NOT NULL UNIQUE REFERENCES follow_up(id),
                    kind TEXT NOT NULL,
                    lang TEXT NOT NULL,
                    format TEXT NOT NULL,
                    date TEXT NOT NULL,
                    classification TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    document TEXT NOT NULL,
                    UNIQUE (sender, year, sequence)
                );
                CREATE INDEX letter_request ON letter(request_ref, date);
                CREATE TRIGGER letter_no_update BEFORE UPDATE ON letter
                BEGIN SELECT RAISE(ABORT, 'an issued letter is never changed'); END;
                CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter
                BEGIN SELECT RAISE(ABORT, 'an issued letter is never deleted'); END;
                """)
        }
        migrator.registerMigration("v4-no-replace") { db in
            // INSERT OR REPLACE deletes the old row without firing delete triggers; refuse it outright.
            try db.execute(sql: """
                CREATE TRIGGER event_no_replace BEFORE INSERT ON event
                WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM event WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the history is append-only: events cannot be replaced'); END;
                CREATE TRIGGER letter_no_replace BEFORE INSERT ON letter
                WHEN EXISTS (SELECT 1 FROM letter WHERE number = NEW.number
                             OR (sender = NEW.sender AND year = NEW.year AND sequence = NEW.sequence))
                BEGIN SELECT RAISE(ABORT, 'an issued letter is never replaced'); END;
                """)
        }
        migrator.registerMigration("v5-scale") { db in
            // Stall reports replay each request's moves: a covering index holds just those,
            // and tells at once whether any request moved after an as-of date.
            try db.execute(sql: """
                CREATE INDEX event_request_moves ON event(subject_id, id, date, from_state, to_state)
                    WHERE subject_type = 'request' AND action = 'moved';
                CREATE INDEX event_request_move_dates ON event(date) WHERE subject_type = 'request' AND action = 'moved';
                """)
        }
        migrator.registerMigration("v6-audit") { db in
            // Exports, calendar feeds and backups are recorded as 'exported' events, under the
            // new subject 'database' too; a Comity from before them would misread those rows, so
            // this migration marks the schema as newer than it knows. The index serves the audit trail.
            try db.execute(sql: "CREATE INDEX event_action ON event(action, id)")
        }
        migrator.registerMigration("v7-open-requests") { db in
            // Which requests are open, and open with one counterpart, straight from an index:
            // a stall report asks it for every cursor it merges.
            try db.execute(sql: """
                CREATE INDEX request_open ON request(state, reference);
                CREATE INDEX request_open_to ON request(to_authority, state, reference);
                """)
        }
        migrator.registerMigration("v8-stall-indexes") { db in
            // A stall report reads, for every open request, its case and its replies and
            // follow-ups. Indexes holding just the columns it reads answer from the index alone,
            // without a second look-up per row in tables whose rows lie in another order. Each
            // reply and follow-up index starts with the columns of the index it replaces.
            try db.execute(sql: """
                CREATE INDEX reply_stall ON reply(request_ref, date, id, kind, promised_date, classification);
                DROP INDEX reply_request;
                CREATE INDEX follow_up_stall ON follow_up(request_ref, date, id, kind, reference, restarts_clock, note);
                DROP INDEX follow_up_request;
                CREATE INDEX case_stall ON case_file(id, classification, limitation_date, title);
                """)
        }
        migrator.registerMigration("v9-import-events") { _ in
            // Imports are recorded as 'imported' events, and the records an import writes over as
            // 'replaced' events; a Comity from before them would misread those rows, so this
            // migration marks the schema as newer than it knows. It changes no table: the index
            // of v6 serves the audit trail of both kinds.
        }
        migrator.registerMigration("v10-corrections") { db in
            // A clerk's correction of a record is a 'corrected' event per field changed: the
            // column's SQL name and its stored text before and after (NULL for an absent value),
            // so a record can be replayed as it stood on an earlier day.
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN field TEXT;
                ALTER TABLE event ADD COLUMN old_value TEXT;
                ALTER TABLE event ADD COLUMN new_value TEXT;
                """)
        }
        migrator.registerMigration("v11-engagement-outcomes") { db in
            // What came of a request at an engagement. An outcome may be corrected later, so it
            // has an id of its own rather than its engagement and request as a key.
            try db.execute(sql: """
                CREATE TABLE engagement_outcome (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    engagement_id TEXT NOT NULL REFERENCES engagement(id),
                    request_ref TEXT NOT NULL REFERENCES request(reference),
                    date TEXT NOT NULL,
                    raised INTEGER NOT NULL CHECK (raised IN (0, 1)),
                    raised_by TEXT NOT NULL DEFAULT '',
                    response TEXT NOT NULL DEFAULT '',
                    commitment TEXT NOT NULL DEFAULT '',
                    commitment_date TEXT,
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX engagement_outcome_request ON engagement_outcome(request_ref, date, id);
                CREATE INDEX engagement_outcome_engagement ON engagement_outcome(engagement_id);
                ALTER TABLE reply ADD COLUMN summary_ja TEXT;
                """)
        }
        migrator.registerMigration("v12-people-and-direction") { db in
            // Authorities carry the title and name of their head, in English and Japanese, for
            // the address and signature of letters. The desk's own state is a setting; a database
            // from before it gets one when every case and request it holds is of one state.
            try db.execute(sql: """
                ALTER TABLE authority ADD COLUMN head_title TEXT;
                ALTER TABLE authority ADD COLUMN head_name TEXT;
                ALTER TABLE authority ADD COLUMN head_title_ja TEXT;
                ALTER TABLE authority ADD COLUMN head_name_ja TEXT;
                INSERT OR IGNORE INTO setting (channel, key, value)
                    SELECT '*', 'our-state', min(party) FROM authority
                    WHERE id IN (SELECT lead_authority FROM case_file UNION SELECT from_authority FROM request)
                    HAVING count(DISTINCT party) = 1;
                """)
            // A case's incident date may be unknown, and its dates given to the month or year
            // ("2011-08", "2011"), kept as written. SQLite cannot drop a NOT NULL in place, so the
            // table is rebuilt from its own stored definition, whatever columns it has by now, and
            // its indexes made again; foreign keys are checked once the migration is done.
            guard let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'case_file'"),
                  table.contains("incident_date TEXT NOT NULL") else { return }
            let indexes = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'case_file' AND sql IS NOT NULL")
            try db.execute(sql: table
                .replacingOccurrences(of: "incident_date TEXT NOT NULL", with: "incident_date TEXT")
                .replacingOccurrences(of: "CREATE TABLE case_file", with: "CREATE TABLE case_file_v12"))
            try db.execute(sql: """
                INSERT INTO case_file_v12 SELECT * FROM case_file;
                DROP TABLE case_file;
                ALTER TABLE case_file_v12 RENAME TO case_file;
                """)
            for index in indexes { try db.execute(sql: index) }
        }
        migrator.registerMigration("v13-as-recorded") { db in
            // Reports "as recorded" on a past day leave out what was recorded after it. One index
            // tells at once whether anything was; the others answer, for each request a report
            // reads, whether it, its replies, moves and follow-ups were recorded by then, from the
            // index alone. The moves index gains the day each move was recorded.
            try db.execute(sql: """
                CREATE INDEX event_recorded ON event(recorded_on);
                CREATE INDEX event_created ON event(subject_id, subject_type, recorded_on) WHERE action = 'created';
                CREATE INDEX event_reply_recorded ON event(reply_id, recorded_on) WHERE reply_id IS NOT NULL;
                CREATE INDEX event_follow_up_recorded ON event(subject_id, date, recorded_on) WHERE action = 'follow-up';
                DROP INDEX event_request_moves;
                CREATE INDEX event_request_moves ON event(subject_id, id, date, from_state, to_state, recorded_on)
                    WHERE subject_type = 'request' AND action = 'moved';
                """)
        }
        migrator.registerMigration("v14-translations") { db in
            // Each value a letter quotes may be recorded in any language, in one table keyed by
            // the record (its kind and identifier as the history names them), the field and the
            // language tag; a list (a request's items) is kept as the items column keeps it. The
            // Japanese columns of earlier versions move into it as 'ja' and are dropped.
            try db.execute(sql: """
                CREATE TABLE translation (
                    subject TEXT NOT NULL CHECK (subject IN ('party', 'authority', 'basis', 'case', 'request', 'reply', 'engagement', 'outcome')),
                    subject_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    lang TEXT NOT NULL CHECK (lang <> '' AND lang <> 'en'),
                    value TEXT NOT NULL,
                    PRIMARY KEY (subject, subject_id, field, lang)
                );
                INSERT INTO translation SELECT 'party', code, 'name', 'ja', name_ja FROM party WHERE name_ja IS NOT NULL;
                INSERT INTO translation SELECT 'authority', id, 'name', 'ja', name_ja FROM authority WHERE name_ja IS NOT NULL;
                INSERT INTO translation SELECT 'authority', id, 'head-title', 'ja', head_title_ja FROM authority WHERE head_title_ja IS NOT NULL;
                INSERT INTO translation SELECT 'authority', id, 'head-name', 'ja', head_name_ja FROM authority WHERE head_name_ja IS NOT NULL;
                INSERT INTO translation SELECT 'basis', id, 'instrument', 'ja', instrument_ja FROM legal_basis WHERE instrument_ja IS NOT NULL;
                INSERT INTO translation SELECT 'request', reference, 'subject', 'ja', subject_ja FROM request WHERE subject_ja IS NOT NULL;
                INSERT INTO translation SELECT 'reply', CAST(id AS TEXT), 'summary', 'ja', summary_ja FROM reply WHERE summary_ja IS NOT NULL;
                ALTER TABLE party DROP COLUMN name_ja;
                ALTER TABLE authority DROP COLUMN name_ja;
                ALTER TABLE authority DROP COLUMN head_title_ja;
                ALTER TABLE authority DROP COLUMN head_name_ja;
                ALTER TABLE legal_basis DROP COLUMN instrument_ja;
                ALTER TABLE request DROP COLUMN subject_ja;
                ALTER TABLE reply DROP COLUMN summary_ja;
                """)
        }
        migrator.registerMigration("v15-users") { db in
            // The people who sign in to the shared desk. A store with no row here is one
            // person's desk at a terminal; once a row exists, only the account that owns the
            // file may use the command line on it, as an administrator. Passwords are kept as
            // bcrypt hashes; `last_seen_event` is the newest history event the person has seen.
            try db.execute(sql: """
                CREATE TABLE user_account (
                    name TEXT PRIMARY KEY NOT NULL,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
                    clearance TEXT NOT NULL CHECK (clearance IN ('unclassified', 'restricted', 'confidential', 'secret')),
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                    last_seen_event INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        migrator.registerMigration("v16-incoming") { db in
            // Requests that come to us are found by the counterpart authority they came from,
            // as those we send are by the one they went to (`request_open_to`).
            try db.execute(sql: "CREATE INDEX request_open_from ON request(from_authority, state, reference)")
        }
        migrator.registerMigration("v17-reply-letters") { db in
            // A reply letter answers a request that came to us: it is registered like any letter
            // but is no follow-up of ours, so a letter's follow-up may be absent, and is absent
            // exactly for the reply kinds. SQLite cannot drop a NOT NULL in place, so the table is
            // rebuilt from its own stored definition, its indexes and triggers made again.
            guard let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'letter'"),
                  table.contains("follow_up_id INTEGER NOT NULL UNIQUE") else { return }
            let others = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'letter' AND sql IS NOT NULL
                """)
            try db.execute(sql: table
                .replacingOccurrences(of: "follow_up_id INTEGER NOT NULL UNIQUE", with: "follow_up_id INTEGER UNIQUE")
                .replacingOccurrences(of: "UNIQUE (sender, year, sequence)", with: """
                    UNIQUE (sender, year, sequence),
                        CHECK ((follow_up_id IS NULL) = (kind IN ('acknowledgement', 'supplement-request', 'partial-execution', 'execution', 'refusal')))
                    """)
                .replacingOccurrences(of: "CREATE TABLE letter", with: "CREATE TABLE letter_v17"))
            // Dropping the table drops its triggers first, so no letter counts as deleted.
            try db.execute(sql: """
                INSERT INTO letter_v17 SELECT * FROM letter;
                DROP TABLE letter;
                ALTER TABLE letter_v17 RENAME TO letter;
                """)
            for statement in others { try db.execute(sql: statement) }
        }
        return migrator
    }
}
