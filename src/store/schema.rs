//! The schema of a virkplan file: its DDL per version, forward-only migrations, and the check
//! that a file's schema holds exactly our tables and indexes.

use rusqlite::Connection;

/// Marks a virkplan file in the SQLite header (offset 68): "VkPl".
pub const APPLICATION_ID: i32 = 0x566B_506C;

/// The schema version this program writes (`PRAGMA user_version`).
pub const CURRENT_VERSION: i64 = 4;

/// Version 1: everything domain.md names. Ids use AUTOINCREMENT so that a deleted row's id is
/// never handed out again: undo restores rows under their old ids.
pub const SCHEMA_V1: &str = r#"
CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    extra TEXT
);
CREATE TABLE plan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    previous_id INTEGER REFERENCES plan(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    organisation TEXT NOT NULL,
    municipality TEXT NOT NULL DEFAULT '',
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    period_extra TEXT,
    journal_number TEXT NOT NULL DEFAULT '',
    contact_address TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_web TEXT NOT NULL DEFAULT '',
    contact_extra TEXT,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved')),
    approved_on TEXT,
    approved_by TEXT NOT NULL DEFAULT '',
    budget_title TEXT NOT NULL DEFAULT '',
    budget_year INTEGER,
    budget_note TEXT NOT NULL DEFAULT '',
    budget_extra TEXT,
    focus_areas_intro TEXT NOT NULL DEFAULT '',
    review_intro TEXT NOT NULL DEFAULT '',
    extra TEXT
);
CREATE TABLE section (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    extra TEXT
);
CREATE TABLE budget_row (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    area TEXT NOT NULL,
    expenses INTEGER NOT NULL,
    income INTEGER NOT NULL,
    extra TEXT
);
CREATE TABLE focus_area (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    extra TEXT
);
CREATE TABLE goal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    focus_area_id INTEGER NOT NULL REFERENCES focus_area(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    documentation TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    status TEXT,
    continues_id INTEGER REFERENCES goal(id) ON DELETE SET NULL,
    extra TEXT
);
CREATE TABLE goal_owner (
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (goal_id, person_id)
);
CREATE TABLE follow_up (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    date TEXT NOT NULL,
    status TEXT,
    text TEXT NOT NULL DEFAULT '',
    extra TEXT
);
CREATE TABLE document_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE INDEX plan_previous ON plan(previous_id);
CREATE INDEX section_plan ON section(plan_id, position);
CREATE INDEX budget_row_plan ON budget_row(plan_id, position);
CREATE INDEX focus_area_plan ON focus_area(plan_id, position);
CREATE INDEX goal_area ON goal(focus_area_id, position);
CREATE INDEX goal_continues ON goal(continues_id);
CREATE INDEX goal_owner_person ON goal_owner(person_id);
CREATE INDEX follow_up_goal ON follow_up(goal_id, date, position);
"#;

/// Step 1 → 2 (issue 18, plan-format.md "Version 2"): the plan's own words, numbering and
/// print settings; focus-area owners; indicators with their measurements; milestones; related
/// goals; and the file's identity. A new file is made by `SCHEMA_V1` and then this step, so a
/// new file and a migrated one have the same `sqlite_schema` text (the open check compares
/// it). Figures are TEXT in `Number`'s form ("62.5"), never REAL: a double would round them.
/// A label left NULL is the default word. The identity row is written here, so a file
/// migrated from schema 1 gets one as a new file does.
pub const STEP_V2: &str = r#"
ALTER TABLE plan ADD COLUMN label_focus_area TEXT;
ALTER TABLE plan ADD COLUMN label_focus_areas TEXT;
ALTER TABLE plan ADD COLUMN label_goal TEXT;
ALTER TABLE plan ADD COLUMN label_owner TEXT;
ALTER TABLE plan ADD COLUMN label_documentation TEXT;
ALTER TABLE plan ADD COLUMN label_intro TEXT;
ALTER TABLE plan ADD COLUMN labels_extra TEXT;
ALTER TABLE plan ADD COLUMN numbering_focus_areas TEXT NOT NULL DEFAULT '1'
    CHECK (numbering_focus_areas IN ('1', 'label', 'A', 'I', 'none'));
ALTER TABLE plan ADD COLUMN numbering_goals TEXT NOT NULL DEFAULT '1.1'
    CHECK (numbering_goals IN ('1.1', '1', 'a', 'none'));
ALTER TABLE plan ADD COLUMN numbering_extra TEXT;
ALTER TABLE plan ADD COLUMN print_empty_fields TEXT NOT NULL DEFAULT 'dash'
    CHECK (print_empty_fields IN ('dash', 'hide'));
ALTER TABLE plan ADD COLUMN print_owner_email INTEGER NOT NULL DEFAULT 0
    CHECK (print_owner_email IN (0, 1));
ALTER TABLE plan ADD COLUMN print_owner_title INTEGER NOT NULL DEFAULT 1
    CHECK (print_owner_title IN (0, 1));
ALTER TABLE plan ADD COLUMN print_extra TEXT;
CREATE TABLE focus_area_owner (
    focus_area_id INTEGER NOT NULL REFERENCES focus_area(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (focus_area_id, person_id)
);
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    baseline_value TEXT,
    baseline_date TEXT,
    baseline_extra TEXT,
    target_value TEXT,
    target_date TEXT,
    target_extra TEXT,
    direction TEXT CHECK (direction IN ('increase', 'decrease', 'keep')),
    extra TEXT
);
CREATE TABLE measurement (
    follow_up_id INTEGER NOT NULL REFERENCES follow_up(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    extra TEXT,
    PRIMARY KEY (follow_up_id, indicator_id)
);
CREATE TABLE milestone (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    date TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    extra TEXT
);
CREATE TABLE goal_related (
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (goal_id, related_id),
    CHECK (goal_id <> related_id)
);
CREATE TABLE file_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id TEXT NOT NULL,
    copied_from TEXT
);
INSERT INTO file_identity (one, id) VALUES (1, lower(hex(randomblob(16))));
CREATE INDEX focus_area_owner_person ON focus_area_owner(person_id);
CREATE INDEX indicator_goal ON indicator(goal_id, position);
CREATE INDEX measurement_indicator ON measurement(indicator_id);
CREATE INDEX milestone_goal ON milestone(goal_id, position);
CREATE INDEX goal_related_related ON goal_related(related_id);
"#;

/// Step 2 → 3 (issue 19): follow-up rounds (opfølgningsrunder). A round belongs to a plan and
/// goes with it; a package is one tovholder's workbook, a receipt one workbook read back.
/// The person, goal and indicator ids of a package are plain INTEGERs, no foreign keys: a
/// person or goal deleted since the round began is still part of what was sent (the package
/// keeps the person's name; an answer for a deleted goal is shown and skipped), and deleting
/// one must not touch the round. Dates hold any of the five period forms.
pub const STEP_V3: &str = r#"
CREATE TABLE round (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]'
        OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR deadline GLOB '[0-9][0-9][0-9][0-9]-[QH][1-4]'),
    started_on TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]'
        OR started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR started_on GLOB '[0-9][0-9][0-9][0-9]-[QH][1-4]'),
    closed_on TEXT CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]'
        OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[QH][1-4]'),
    folder TEXT NOT NULL DEFAULT ''
);
CREATE TABLE round_package (
    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    person_name TEXT NOT NULL,
    file_name TEXT NOT NULL CHECK (file_name <> ''),
    sent_on TEXT CHECK (sent_on GLOB '[0-9][0-9][0-9][0-9]'
        OR sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR sent_on GLOB '[0-9][0-9][0-9][0-9]-[QH][1-4]'),
    PRIMARY KEY (round_id, person_id)
);
CREATE TABLE round_goal (
    round_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    goal_id INTEGER NOT NULL,
    PRIMARY KEY (round_id, person_id, position),
    FOREIGN KEY (round_id, person_id) REFERENCES round_package(round_id, person_id)
        ON DELETE CASCADE
);
CREATE TABLE round_indicator (
    round_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    PRIMARY KEY (round_id, person_id, position),
    FOREIGN KEY (round_id, person_id) REFERENCES round_package(round_id, person_id)
        ON DELETE CASCADE
);
CREATE TABLE round_receipt (
    round_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]'
        OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR received_on GLOB '[0-9][0-9][0-9][0-9]-[QH][1-4]'),
    digest TEXT NOT NULL CHECK (digest <> '' AND digest NOT GLOB '*[^0-9a-f]*'),
    follow_ups INTEGER NOT NULL CHECK (typeof(follow_ups) = 'integer' AND follow_ups >= 0),
    PRIMARY KEY (round_id, person_id, position),
    FOREIGN KEY (round_id, person_id) REFERENCES round_package(round_id, person_id)
        ON DELETE CASCADE
);
CREATE INDEX round_plan ON round(plan_id);
"#;

/// Step 3 → 4 (issue 20): frozen versions of a plan. A version's metadata is one row of
/// `version`; its content (the payload `json::write_frozen` made) is cut into content-defined
/// chunks (`store::chunks`), each deflated and stored once in `version_chunk` under the SHA-256
/// of its bytes, and listed in order in `version_part`. Unchanged parts of a plan between two
/// versions are the same chunks, so they cost nothing; a changed chunk is deflated against the
/// chunk it replaces (`base`, itself never deflated against another), so it costs about what
/// changed. `size` and `digest` are those of the
/// whole payload: reading a version back checks both (a version another program changed is
/// refused, never used). `version_number` keeps the highest number a plan's versions have
/// had, so a number once given is never given again (a deleted version 3 is never followed by
/// another "version 3" that a byråd paper could confuse with it). A version goes with its
/// plan; its parts go with it; a chunk no part
/// names and no chunk is deflated against is removed by the write that left it unused.
pub const STEP_V4: &str = r#"
CREATE TABLE version (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (typeof(number) = 'integer' AND number >= 1),
    label TEXT NOT NULL CHECK (trim(label) <> ''),
    saved_at TEXT NOT NULL
        CHECK (saved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
    saved_by TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('saved', 'approval')),
    size INTEGER NOT NULL CHECK (typeof(size) = 'integer' AND size >= 0),
    digest TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    UNIQUE (plan_id, number)
);
CREATE TABLE version_chunk (
    digest TEXT PRIMARY KEY CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    base TEXT REFERENCES version_chunk(digest) CHECK (base IS NULL OR base <> digest),
    data BLOB NOT NULL
);
CREATE TABLE version_part (
    version_id INTEGER NOT NULL REFERENCES version(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (typeof(seq) = 'integer' AND seq >= 0),
    chunk TEXT NOT NULL REFERENCES version_chunk(digest),
    PRIMARY KEY (version_id, seq)
);
CREATE INDEX version_part_chunk ON version_part(chunk);
CREATE INDEX version_chunk_base ON version_chunk(base);
CREATE TABLE version_number (
    plan_id INTEGER PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
    last INTEGER NOT NULL CHECK (typeof(last) = 'integer' AND last >= 1)
);
"#;

/// The base schema and the upgrade steps after it: `steps[i]` upgrades version `i + 1` to
/// `i + 2`. The program uses [`Migrations::current`]; tests build others to exercise the
/// upgrade path (a synthetic newer step, a step that fails on purpose).
#[derive(Debug, Clone)]
pub struct Migrations {
    /// DDL of version 1.
    pub base: &'static str,
    /// SQL of each upgrade step, in order.
    pub steps: Vec<&'static str>,
}

impl Migrations {
    /// The schema history of this program.
    pub fn current() -> Migrations {
        Migrations {
            base: SCHEMA_V1,
            steps: vec![STEP_V2, STEP_V3, STEP_V4],
        }
    }

    /// The version the last step leads to.
    pub fn latest(&self) -> i64 {
        1 + self.steps.len() as i64
    }

    /// Creates the schema of `version` in an empty database.
    pub fn create(&self, conn: &Connection, version: i64) -> rusqlite::Result<()> {
        conn.execute_batch(self.base)?;
        for step in self.steps.iter().take((version - 1).max(0) as usize) {
            conn.execute_batch(step)?;
        }
        Ok(())
    }

    /// What `sqlite_schema` must hold at `version`: (type, name, sql) of every object.
    pub fn expected_objects(&self, version: i64) -> rusqlite::Result<Vec<SchemaObject>> {
        let conn = Connection::open_in_memory()?;
        self.create(&conn, version)?;
        read_objects(&conn)
    }
}

/// One row of `sqlite_schema`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaObject {
    /// table, index, view or trigger.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Its SQL text; `None` for automatic indexes.
    pub sql: Option<String>,
}

/// Reads `sqlite_schema`, sorted, leaving out SQLite's own bookkeeping (`sqlite_sequence`,
/// automatic indexes).
pub fn read_objects(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema")?;
    let mut objects = stmt
        .query_map([], |row| {
            Ok(SchemaObject {
                kind: row.get(0)?,
                name: row.get(1)?,
                sql: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    objects.retain(|o| !(o.name == "sqlite_sequence" || o.name.starts_with("sqlite_autoindex_")));
    objects.sort();
    Ok(objects)
}

/// How a file's schema compares with ours.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaCheck {
    /// Our objects that are missing or have another definition.
    pub changed: Vec<String>,
    /// Objects that are not ours ("trigger «x»").
    pub foreign: Vec<String>,
}

/// Compares a file's objects with the expected ones.
pub fn compare(found: &[SchemaObject], expected: &[SchemaObject]) -> SchemaCheck {
    let mut check = SchemaCheck::default();
    for want in expected {
        match found.iter().find(|f| f.name == want.name) {
            Some(f) if f == want => {}
            _ => check.changed.push(want.name.clone()),
        }
    }
    for f in found {
        if !expected.iter().any(|e| e.name == f.name) {
            check
                .foreign
                .push(format!("{} «{}»", kind_da(&f.kind), f.name));
        }
    }
    check
}

fn kind_da(kind: &str) -> &str {
    match kind {
        "table" => "tabel",
        "index" => "indeks",
        "view" => "visning (view)",
        "trigger" => "trigger",
        other => other,
    }
}
