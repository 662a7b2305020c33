"""The first schema: registry tables, local-only tables and the search index.

The DDL is frozen here as it was at this revision; later revisions change it step by step.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = (
    """CREATE TABLE class_node (
	id INTEGER NOT NULL, 
	scheme VARCHAR(10) NOT NULL, 
	code VARCHAR(20) NOT NULL, 
	level VARCHAR(20) NOT NULL, 
	parent_code VARCHAR(20) NOT NULL, 
	title_zh TEXT NOT NULL, 
	title_en TEXT NOT NULL, 
	dataset VARCHAR(40) NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_class_scheme_code UNIQUE (scheme, code)
)""",
    """CREATE TABLE dataset (
	name VARCHAR(40) NOT NULL, 
	version INTEGER NOT NULL, 
	as_of DATE, 
	origin VARCHAR(20) NOT NULL, 
	source TEXT NOT NULL, 
	edition TEXT NOT NULL, 
	record_count INTEGER NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (name)
)""",
    """CREATE TABLE division (
	code VARCHAR(12) NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	level INTEGER NOT NULL, 
	parent_code VARCHAR(12), 
	former_names TEXT NOT NULL, 
	dataset VARCHAR(40) NOT NULL, 
	PRIMARY KEY (code), 
	FOREIGN KEY(parent_code) REFERENCES division (code)
)""",
    """CREATE INDEX ix_division_parent_code ON division (parent_code)""",
    """CREATE INDEX ix_division_name ON division (name)""",
    """CREATE TABLE geo_indication (
	id INTEGER NOT NULL, 
	kind VARCHAR(30) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	name_en VARCHAR(200) NOT NULL, 
	category VARCHAR(40) NOT NULL, 
	holder TEXT NOT NULL, 
	announcement_no VARCHAR(80) NOT NULL, 
	tm_reg_no VARCHAR(40) NOT NULL, 
	agi_no VARCHAR(20) NOT NULL, 
	registered_on VARCHAR(10) NOT NULL, 
	area_text TEXT NOT NULL, 
	standard TEXT NOT NULL, 
	status VARCHAR(30) NOT NULL, 
	note TEXT NOT NULL, 
	dataset VARCHAR(40) NOT NULL, 
	source TEXT NOT NULL, 
	as_of DATE, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_gi_kind_name UNIQUE (kind, name)
)""",
    """CREATE INDEX ix_geo_indication_kind ON geo_indication (kind)""",
    """CREATE INDEX ix_geo_indication_name ON geo_indication (name)""",
    """CREATE INDEX ix_geo_indication_dataset ON geo_indication (dataset)""",
    """CREATE TABLE patent (
	id INTEGER NOT NULL, 
	pub_no VARCHAR(40) NOT NULL, 
	app_no VARCHAR(40) NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	title TEXT NOT NULL, 
	abstract TEXT NOT NULL, 
	applicants TEXT NOT NULL, 
	inventors TEXT NOT NULL, 
	address TEXT NOT NULL, 
	region_code VARCHAR(12) NOT NULL, 
	ipc_codes TEXT NOT NULL, 
	priority TEXT NOT NULL, 
	filing_date DATE, 
	pub_date DATE, 
	grant_date DATE, 
	legal_status VARCHAR(20) NOT NULL, 
	expiry_date DATE, 
	dataset VARCHAR(40) NOT NULL, 
	source TEXT NOT NULL, 
	as_of DATE, 
	PRIMARY KEY (id), 
	UNIQUE (pub_no)
)""",
    """CREATE INDEX ix_patent_app_no ON patent (app_no)""",
    """CREATE INDEX ix_patent_region_code ON patent (region_code)""",
    """CREATE INDEX ix_patent_dataset ON patent (dataset)""",
    """CREATE TABLE report_archive (
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	report_no VARCHAR(40) NOT NULL, 
	title TEXT NOT NULL, 
	format VARCHAR(10) NOT NULL, 
	path TEXT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	meta_json TEXT NOT NULL, 
	PRIMARY KEY (id)
)""",
    """CREATE INDEX ix_report_archive_created_at ON report_archive (created_at)""",
    """CREATE TABLE saved_search (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	"query" TEXT NOT NULL, 
	filters_json TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
)""",
    """CREATE TABLE trademark (
	id INTEGER NOT NULL, 
	reg_no VARCHAR(20) NOT NULL, 
	mark_text TEXT NOT NULL, 
	nice_class INTEGER NOT NULL, 
	similar_groups TEXT NOT NULL, 
	goods TEXT NOT NULL, 
	owner TEXT NOT NULL, 
	owner_address TEXT NOT NULL, 
	region_code VARCHAR(12) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	filing_date DATE, 
	reg_date DATE, 
	expiry_date DATE, 
	dataset VARCHAR(40) NOT NULL, 
	source TEXT NOT NULL, 
	as_of DATE, 
	PRIMARY KEY (id)
)""",
    """CREATE INDEX ix_trademark_region_code ON trademark (region_code)""",
    """CREATE INDEX ix_trademark_dataset ON trademark (dataset)""",
    """CREATE INDEX ix_trademark_reg_no ON trademark (reg_no)""",
    """CREATE INDEX ix_trademark_class ON trademark (nice_class)""",
    """CREATE TABLE gi_area (
	gi_id INTEGER NOT NULL, 
	division_code VARCHAR(12) NOT NULL, 
	PRIMARY KEY (gi_id, division_code), 
	FOREIGN KEY(gi_id) REFERENCES geo_indication (id) ON DELETE CASCADE, 
	FOREIGN KEY(division_code) REFERENCES division (code)
)""",
    """CREATE INDEX ix_gi_area_division_code ON gi_area (division_code)""",
    """CREATE TABLE service_record (
	id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	staff VARCHAR(80) NOT NULL, 
	client VARCHAR(200) NOT NULL, 
	purpose TEXT NOT NULL, 
	outcome TEXT NOT NULL, 
	report_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_id) REFERENCES report_archive (id)
)""",
    """CREATE INDEX ix_service_record_created_at ON service_record (created_at)""",
)

SEARCH = (
    """CREATE TABLE search_doc (
        doc_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT NOT NULL DEFAULT '',
        pinyin TEXT NOT NULL DEFAULT '',
        initials TEXT NOT NULL DEFAULT '',
        subkind TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        klass TEXT NOT NULL DEFAULT '',
        codes TEXT NOT NULL DEFAULT '',
        year INTEGER,
        date TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        UNIQUE (kind, ref_id)
    )""",
    "CREATE INDEX ix_search_doc_name ON search_doc(name)",
    "CREATE INDEX ix_search_doc_region ON search_doc(region)",
    "CREATE VIRTUAL TABLE fts_name USING fts5("
    "tokens, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE fts_all USING fts5("
    "tokens, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE fts_key USING fts5("
    "tokens, content='', contentless_delete=1, detail=none, prefix='1 2 3', "
    "tokenize='unicode61 remove_diacritics 0')",
)

DROP_ORDER = (
    "fts_key", "fts_all", "fts_name", "search_doc", "service_record", "report_archive", "saved_search",
    "gi_area", "geo_indication", "patent", "trademark", "class_node", "dataset", "division",
)


def upgrade() -> None:
    for stmt in (*TABLES, *SEARCH):
        op.execute(stmt)


def downgrade() -> None:
    for table in DROP_ORDER:
        op.execute(f"DROP TABLE IF EXISTS {table}")
